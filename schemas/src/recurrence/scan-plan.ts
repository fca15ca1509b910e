/**
 * Where `rrule` starts, and how far it may look.
 *
 * `rrule` always iterates from DTSTART and hands back matches only: a series started long ago
 * walks through every step since, and a rule that matches rarely, or never, makes it scan step by
 * step until the year 9999 (about a second of CPU per thousand years of a DAILY rule). So:
 * - A rule without COUNT starts at its last whole INTERVAL step before the window. With its
 *   BY parts written out (dtstart-defaults.ts), DTSTART only anchors the steps, so this changes
 *   no occurrence. It is looked at for HORIZON_YEARS past the window's start.
 * - A rule with COUNT must be counted from DTSTART, and is followed for at most SCAN_YEARS past
 *   it, whatever the window: a series that has not used up its COUNT by then is refused by the
 *   caller (expand-occurrences.ts), never listed in part.
 * - The Gregorian calendar repeats every 400 years (146097 days, a whole number of weeks), and
 *   `rrule` gives up after 9999. Relabelling the scan whole cycles later, so that its year 9999
 *   falls just past the window, bounds the work; results are relabelled back.
 */
import { Temporal } from "temporal-polyfill";
import type { Frequency } from "./parse-rrule.ts";
import { fromFloating, toFloating } from "./wall-time.ts";

const CYCLE_YEARS = 400;
const RRULE_LAST_YEAR = 9999;

/**
 * How far a scan goes: past the window's start for an open rule, past DTSTART for one with COUNT.
 * One whole Gregorian cycle, in which every pattern of dates and weekdays happens.
 */
export const SCAN_YEARS = CYCLE_YEARS;

export interface ScanPlan {
  /** floating DTSTART to give `rrule` */
  dtstart: Date;
  /** whole years to subtract from what `rrule` returns */
  relabel: number;
  /** floating time (ms) past which nothing is wanted */
  stopAt: number;
  /** true when `stopAt` is the scan's own limit rather than the end the caller asked for */
  stopsAtHorizon: boolean;
}

const UNIT: Record<Frequency, "years" | "months" | "weeks" | "days" | "hours" | "minutes" | "seconds"> = {
  YEARLY: "years",
  MONTHLY: "months",
  WEEKLY: "weeks",
  DAILY: "days",
  HOURLY: "hours",
  MINUTELY: "minutes",
  SECONDLY: "seconds",
};

/** The last whole INTERVAL step from `dtstart` that is not after `from`. */
function lastStepBefore(
  dtstart: Temporal.PlainDateTime,
  freq: Frequency,
  interval: number,
  from: Temporal.PlainDateTime,
): Temporal.PlainDateTime {
  const unit = UNIT[freq];
  // A month from January 31 is February 28: a step that lands early is still not after `from`.
  const elapsed = dtstart.until(from, { largestUnit: unit })[unit];
  const steps = Math.floor(elapsed / interval);
  return steps > 0 ? dtstart.add({ [unit]: steps * interval }) : dtstart;
}

/** `date` moved by whole years; by multiples of 400 every date keeps its weekday. */
export function shiftYears(date: Date, years: number): Date {
  if (years === 0) return date;
  const moved = new Date(date);
  moved.setUTCFullYear(date.getUTCFullYear() + years);
  return moved;
}

const startOfYear = (year: number) => toFloating(new Temporal.PlainDateTime(year, 1, 1)).getTime();

/**
 * @param from floating time (ms) from which occurrences are wanted, or null: from DTSTART
 * @param end floating time (ms) after which none are wanted, or null: open
 */
export function planScan(
  rule: { dtstart: Temporal.PlainDateTime; freq: Frequency; interval: number; counted: boolean },
  from: number | null,
  end: number | null,
): ScanPlan {
  const fromWall = from === null ? rule.dtstart : fromFloating(new Date(from));
  const start =
    rule.counted || from === null
      ? rule.dtstart
      : lastStepBefore(rule.dtstart, rule.freq, rule.interval, fromWall);
  const scanFrom = rule.counted ? rule.dtstart.year : Math.max(rule.dtstart.year, fromWall.year);
  const horizon = startOfYear(scanFrom + SCAN_YEARS + 1);
  const stopAt = Math.min(end ?? Infinity, horizon);
  const lastYear = new Date(stopAt).getUTCFullYear();
  const relabel = Math.max(0, Math.floor((RRULE_LAST_YEAR - lastYear) / CYCLE_YEARS)) * CYCLE_YEARS;
  return {
    dtstart: shiftYears(toFloating(start), relabel),
    relabel,
    stopAt,
    stopsAtHorizon: stopAt === horizon,
  };
}
