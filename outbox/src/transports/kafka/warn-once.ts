// One line per distinct warning per 10 s: a broker that is away for a minute should not flood the log.
const lastSaid = new Map<string, number>();

/** Logs `line` unless the same line was logged in the last 10 s. */
export function warnOnce(line: string): void {
  const now = Date.now();
  if (now - (lastSaid.get(line) ?? 0) < 10_000) return;
  if (lastSaid.size > 1000) lastSaid.clear();
  lastSaid.set(line, now);
  console.warn(line);
}
