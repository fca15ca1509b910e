import { Temporal } from "temporal-polyfill";
import { instantOf } from "../../../time/zoned.ts";
import type { Due } from "../intent.ts";

/**
 * A date the user named, on their calendar: a local date, a local time when they gave one, and
 * the exact instant when they counted from now ("in 2 hours").
 */
export type Moment = { date: string; time?: string; instant?: Date; timeOnly?: boolean };
// `timeOnly`: the user said a time and no day ("at 10am"); `date` is then the next such time.

/** The time a reminder gets when the user names only a day ("remind me on Friday"). */
export const DEFAULT_REMINDER_TIME = "09:00";

/**
 * The instant a moment names in `zone`. A wall time that a spring-forward gap skips moves forward
 * by the gap, and one that a fall-back repeats takes the earlier instant (`instantOf`).
 */
export function instantOfMoment(moment: Moment, zone: string, defaultTime = DEFAULT_REMINDER_TIME): Date {
  if (moment.instant) return moment.instant;
  return instantOf(Temporal.PlainDateTime.from(`${moment.date}T${moment.time ?? defaultTime}`), zone);
}

/**
 * `forExisting`: the due of a task that has one already, which keeps its day when only a time was
 * said, and its time when only a day was said ("push it to monday" leaves a 3 PM task at 3 PM).
 */
export function dueOf(moment: Moment, forExisting = false): Due {
  if (!moment.time) return forExisting ? { date: moment.date, keep_time: true } : { date: moment.date };
  return forExisting && moment.timeOnly
    ? { date: moment.date, time: moment.time, keep_date: true }
    : { date: moment.date, time: moment.time };
}
