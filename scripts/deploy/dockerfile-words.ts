// Docker's word rules for instruction arguments: variable substitution as BuildKit's shell lexer
// does it, words split outside quotes, and KEY=value pairs. Used by dockerfile-stages.ts.

export type Vars = Record<string, string>;

/**
 * Docker's variable substitution in one word: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`,
 * `${VAR:?message}` (and the forms without the colon, which test "unset" instead of "empty"),
 * `\$` for a dollar; nothing inside single quotes; quotes removed. A variable absent from `vars`
 * is unset. Throws on `${VAR:?}` like BuildKit, and on the pattern forms (#, %, /), not emulated.
 * @example expandWord("services/${SERVICE:?}", { SERVICE: "backend" }) // "services/backend"
 */
export function expandWord(word: string, vars: Vars): string {
  let pos = 0;
  const peek = () => word[pos];
  const read = (stop?: string): string => {
    let out = "";
    let quote: string | undefined;
    while (pos < word.length && (quote || peek() !== stop)) {
      const ch = word[pos++]!;
      if (quote === "'") {
        if (ch === "'") quote = undefined;
        else out += ch;
      } else if (ch === "\\" && ['"', "$", "\\"].includes(peek() ?? "")) out += word[pos++];
      else if (ch === '"' || (ch === "'" && !quote)) quote = quote === ch ? undefined : ch;
      else if (ch === "$") out += dollar();
      else out += ch;
    }
    if (quote) throw new Error(`unterminated ${quote} in ${word}`);
    return out;
  };
  const dollar = (): string => {
    const braced = peek() === "{";
    if (braced) pos += 1;
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(pos))?.[0];
    if (!name) {
      if (braced) throw new Error(`bad substitution in ${word}`);
      return "$";
    }
    pos += name.length;
    const value = vars[name];
    if (!braced) return value ?? "";
    const colon = peek() === ":";
    if (colon) pos += 1;
    const op = word[pos++];
    if (op === "}") return value ?? "";
    if (!op || !"-+?".includes(op))
      throw new Error(`\${${name}${colon ? ":" : ""}${op ?? ""}...} is not emulated (in ${word})`);
    const operand = read("}");
    if (peek() !== "}") throw new Error(`missing } in ${word}`);
    pos += 1;
    const missing = value === undefined || (colon && value === "");
    if (op === "-") return missing ? operand : value!;
    if (op === "+") return missing ? "" : operand;
    if (!missing) return value!;
    throw new Error(
      `${name}: ${operand || (value === undefined ? "is not allowed to be unset" : "is not allowed to be empty")}`,
    );
  };
  return read();
}

/** The words of an instruction's arguments, split on whitespace outside quotes and ${...}, quotes kept. */
export function splitWords(args: string): string[] {
  return args.match(/(?:\$\{[^}]*\}|[^\s"'$]+|\$|"(?:[^"\\]|\\.)*"|'[^']*')+/g) ?? [];
}

/** `KEY=value` pairs of an ENV, LABEL or ARG instruction (ARG's value is optional); values not yet expanded. */
export function keyValues(keyword: string, args: string): { key: string; value?: string }[] {
  const words = splitWords(args);
  // The legacy `ENV KEY value with spaces` form; `ARG A B` declares two arguments.
  if (keyword !== "ARG" && words.length > 1 && !words[0]!.includes("="))
    return [{ key: words[0]!, value: words.slice(1).join(" ") }];
  return words.map((w) =>
    w.includes("=") ? { key: w.slice(0, w.indexOf("=")), value: w.slice(w.indexOf("=") + 1) } : { key: w },
  );
}
