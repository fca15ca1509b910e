import type { Logger } from "../../support/logger.ts";

export type WarnOnce = (line: string) => void;

/**
 * A warning that is said at most once per 10 s for the same line: a broker that is away for a
 * minute should not flood the log.
 * @example
 * const warnOnce = warnAtMostEvery10s(logger);
 * warnOnce("kafka: broker unavailable");
 */
export function warnAtMostEvery10s(logger: Logger): WarnOnce {
  const lastSaid = new Map<string, number>();
  return (line) => {
    const now = Date.now();
    if (now - (lastSaid.get(line) ?? 0) < 10_000) return;
    if (lastSaid.size > 1000) lastSaid.clear();
    lastSaid.set(line, now);
    logger.warn(line);
  };
}
