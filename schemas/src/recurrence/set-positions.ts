import type { Temporal } from "temporal-polyfill";
import type { Frequency } from "./parse-rrule.ts";

/**
 * BYSETPOS with a negative position in a YEARLY, MONTHLY or WEEKLY rule, picked here rather than
 * by `rrule`. `rrule` reads a negative position past a step's set as counting round from its start
 * (`tmp.slice(-5)[0]`: BYSETPOS=-5 in a month of four Mondays gives the first Monday), where RFC
 * 5545 and dateutil pick nothing. These steps hold sets of varying size (a month has four or five
 * Mondays), so the position cannot be checked once, as sub-daily.ts does for the fixed-size sets of
 * shorter steps. Instead the rule is expanded without BYSETPOS from the start of dtstart's step,
 * the times are grouped by the step they fall in, and the positions are picked from each whole
 * group; times before dtstart are dropped after the pick, as dateutil does.
 */
export interface SetPositions {
  positions: number[];
  /** the week start (0 = Monday), for WEEKLY steps */
  wkst: number;
}

/** The positions to pick here, or undefined when `rrule` picks them right. */
export function ownSetPositions(
  freq: Frequency,
  bysetpos: number[] | undefined,
  wkst: number,
): SetPositions | undefined {
  const varying = freq === "YEARLY" || freq === "MONTHLY" || freq === "WEEKLY";
  return varying && bysetpos?.some((p) => p < 0) ? { positions: bysetpos, wkst } : undefined;
}

const DAY_MS = 86_400_000;
// 1970-01-01, day 0 of floating time, was a Thursday: 3 days after a Monday.
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

/** Which step of `freq` a floating time (UTC fields = wall time) falls in, as a number. */
export function stepKey(floating: Date, freq: Frequency, wkst: number): number {
  if (freq === "YEARLY") return floating.getUTCFullYear();
  if (freq === "MONTHLY") return floating.getUTCFullYear() * 12 + floating.getUTCMonth();
  const day = Math.floor(floating.getTime() / DAY_MS);
  return day - ((weekdayOf(day) - wkst + 7) % 7);
}

/** The first moment of the step `dtstart` is in: January 1, the 1st of its month, or its week's start. */
export function stepStart(
  dtstart: Temporal.PlainDateTime,
  freq: Frequency,
  wkst: number,
): Temporal.PlainDateTime {
  const midnight = dtstart.toPlainDate().toPlainDateTime();
  if (freq === "YEARLY") return midnight.with({ month: 1, day: 1 });
  if (freq === "MONTHLY") return midnight.with({ day: 1 });
  return midnight.subtract({ days: (dtstart.dayOfWeek - 1 - wkst + 7) % 7 });
}

/**
 * The members of `set` (sorted) that BYSETPOS picks, in the order of `positions`: 1 is the
 * first, -1 the last; a position past the set picks nothing.
 * @example picked(["a", "b", "c"], [-1, 1, 5]) // ["c", "a"]
 */
export function picked<T>(set: T[], positions: number[]): T[] {
  return positions.flatMap((p) => {
    const item = p > 0 ? set[p - 1] : set[set.length + p];
    return item === undefined ? [] : [item];
  });
}

/** The members of one step's set (earliest first) that the positions pick, earliest first, once each. */
export function pickFromStep(set: Date[], positions: number[]): Date[] {
  // Two positions can name one time (1 and -4 in a set of four): the time is kept once.
  const once = new Map(picked(set, positions).map((time) => [time.getTime(), time]));
  return [...once.values()].sort((a, b) => a.getTime() - b.getTime());
}
