import type { LogFields, Logger } from "./logger.ts";

export type WarnOnce = (line: string, fields?: LogFields) => void;

/**
 * A warning that is said at most once per `ms` for the same line (its fields aside): a broker or a
 * backend that is away for a minute should not flood the log.
 * @example
 * const warnOnce = warnAtMostEvery(logger, 10_000);
 * warnOnce("kafka: broker unavailable");
 */
export function warnAtMostEvery(logger: Logger, ms: number): WarnOnce {
  const lastSaid = new Map<string, number>();
  return (line, fields) => {
    const now = Date.now();
    if (now - (lastSaid.get(line) ?? -Infinity) < ms) return;
    if (lastSaid.size > 1000) lastSaid.clear();
    lastSaid.set(line, now);
    logger.warn(line, fields);
  };
}
