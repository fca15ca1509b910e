/** The value after `--name` on the command line, or `fallback`. Example: `Number(arg("events", "20000"))`. */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
