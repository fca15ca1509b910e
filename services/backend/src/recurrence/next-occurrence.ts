import { RRule } from "rrule";
import { Temporal } from "temporal-polyfill";
import { instantOf } from "../time/zoned.ts";
import type { RuleOptions } from "./parse-rrule.ts";

export interface RuleInZone {
  options: RuleOptions;
  /** local wall time of the first occurrence */
  dtstart: Temporal.PlainDateTime;
  timezone: string;
  count?: number;
  until?: Date;
}

// rrule is used in "floating" time only: a Date whose UTC fields hold the local wall time. The
// zone mapping is done with Temporal, since rrule's own time-zone support is unreliable.
const floating = (wall: Temporal.PlainDateTime) =>
  new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
const wallOf = (d: Date) =>
  new Temporal.PlainDateTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());

/**
 * The first occurrence at or after `after`, as an instant, or null when the series has ended.
 * Wall-clock times stay fixed across DST changes; see time/zoned.ts for gaps and overlaps.
 */
export function nextOccurrence(rule: RuleInZone, after: Date): Date | null {
  const rrule = new RRule({ ...rule.options, dtstart: floating(rule.dtstart), count: rule.count ?? null });
  // Start a day early in floating time: the zone offset is at most ±14 h, so nothing is skipped.
  let cursor = new Date(after.getTime() - 24 * 3600 * 1000);
  for (let guard = 0; guard < 10_000; guard++) {
    const next = rrule.after(cursor, guard === 0);
    if (!next) return null;
    const instant = instantOf(wallOf(next), rule.timezone);
    if (rule.until && instant > rule.until) return null;
    if (instant >= after) return instant;
    cursor = next;
  }
  return null;
}
