import { Temporal } from "temporal-polyfill";
import { instantOf, localDateOf } from "../../../time/zoned.ts";
import { Validation } from "@todo/service-kit";
import { expandRule, formatRrule, parseRule } from "@todo/schemas/recurrence";
import { isDateOnly } from "../../../recurrence/date-only.ts";
import { normalizeRecurrence } from "../../../recurrence/normalize-recurrence.ts";
import type { InterpretContext, Recurrence } from "../intent.ts";
import { extractBounds, type Bounds } from "./recurrence-bounds.ts";
import { findCore, type RuleParts } from "./recurrence-patterns.ts";
import { refineCore } from "./refine-schedule.ts";
import { isNearly } from "../words/fuzzy.ts";
import { findClockTime, formatClock, settleHalf, type ClockTime } from "../dates/time-of-day.ts";

/**
 * Finds a schedule in a message and turns it into what normalizeRecurrence takes. The rule gets
 * BYHOUR/BYMINUTE only when the user named a time. A schedule with no time of day at all (none in
 * the rule, none in "starting …") is a date-only series, like a date-only task: its dtstart is a
 * date, the first day the rule picks from today (or from "starting …") on.
 * Example: `every Friday at 2 PM remind me to submit my weekly report` →
 * `FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0`, rest `remind me to submit my weekly report`;
 * `buy milk every week` on Wednesday 2026-12-02 → `FREQ=WEEKLY`, dtstart `2026-12-02`.
 */

export type ScheduleFound =
  | { kind: "none" }
  | {
      kind: "unclear";
      phrase: string;
      unsupported: boolean;
      reason?: string;
      question?: string;
      options?: string[];
    }
  // `startSaid`: the user named when it starts ("starting March 1"), which the reply then repeats.
  | { kind: "found"; recurrence: Recurrence; rest: string; words: string; startSaid: boolean };

/**
 * `timed`: the schedule needs a time of day even when none was said, because a reminder at each
 * occurrence is asked for ("remind me every Monday to …"): it gets DEFAULT_TIME, as a reminder
 * named by its day alone does.
 */
export type ScheduleOptions = { timed?: boolean };

// The time normalizeRecurrence gives a rule without one; a dtstart needs a time of day, and this keeps it the same.
const DEFAULT_TIME: ClockTime = { hour: 9, minute: 0 };

// Schedules this product cannot keep (sub-daily) or that name no real period ("every blursday").
const UNSUPPORTED =
  /\b(?:hourly|every\s+(?:\d+\s+|few\s+|couple\s+of\s+)?(?:hours?|minutes?|mins?|seconds?)|(?:twice|thrice|(?:\d+|two|three|four)\s+times)\s+(?:a|per|every)\s+(?:day|week|month|year))\b/i;
const EVERY_SOMETHING =
  /\b(?:every|each)\s+(?:other\s+|single\s+)?([\p{L}\p{N}'-]+)(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?/iu;
const PERIOD_LIKE =
  /(?:day|week|month|year|night|morning|evening|weekend|fortnight|quarter|hour|minute|^\d)/i;
// "every fortnite", "every wek", "every mondy": a period word misspelt is still a schedule asked for.
const PERIOD_WORDS = [
  "day",
  "week",
  "month",
  "year",
  "fortnight",
  "weekday",
  "weekend",
  "morning",
  "evening",
  "night",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];

/** RRULE text in the order people read it: FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, BYHOUR, BYMINUTE. */
export function formatRule(parts: RuleParts, time: ClockTime | undefined): string {
  const fields = [`FREQ=${parts.freq}`];
  if (parts.interval && parts.interval > 1) fields.push(`INTERVAL=${parts.interval}`);
  if (parts.bymonth) fields.push(`BYMONTH=${parts.bymonth}`);
  if (parts.bymonthday?.length) fields.push(`BYMONTHDAY=${parts.bymonthday.join(",")}`);
  if (parts.byday?.length) fields.push(`BYDAY=${parts.byday.join(",")}`);
  if (parts.bysetpos?.length) fields.push(`BYSETPOS=${parts.bysetpos.join(",")}`);
  const hours = time ? [...new Set([time.hour, ...(parts.moreHours ?? [])])].sort((a, b) => a - b) : [];
  if (time) fields.push(`BYHOUR=${hours.join(",")}`, `BYMINUTE=${time.minute}`);
  return fields.join(";");
}

// The series ends at the end of its last day in the user's zone, so an occurrence on that day still happens.
export function endOfDay(date: string, zone: string): string {
  return instantOf(
    Temporal.PlainDate.from(date).toPlainDateTime({ hour: 23, minute: 59, second: 59 }),
    zone,
  ).toISOString();
}

// The first day `rrule` picks on or after `from`, counted without its INTERVAL: "every other Monday"
// said on a Wednesday starts on the coming Monday, not on the Monday of the week after next.
// A rule that does not parse starts on `from`; the API's own check then says what is wrong with it.
export function firstMatchingDay(rrule: string, from: string): string {
  const parts = parseRule(rrule);
  if (!parts.ok) return from;
  const first = expandRule(
    { rrule: formatRrule({ ...parts.value, interval: 1 }), dtstart: from, timezone: "UTC" },
    { limit: 1 },
  );
  return first.ok && first.value[0] ? first.value[0].toISOString().slice(0, 10) : from;
}

/**
 * A date-only series given to a task that already has a date ("actually make it every other
 * week" after "add X friday at 5pm") starts from that date, at its time when it has one: every
 * other Friday at 5 PM. A date already past leaves the start where it was.
 */
export function anchorToDue(recurrence: Recurrence, dueDate: string, time?: string): Recurrence {
  if (!isDateOnly(recurrence)) return recurrence;
  const from = dueDate > recurrence.dtstart! ? dueDate : recurrence.dtstart!;
  const day = from === recurrence.dtstart ? from : firstMatchingDay(recurrence.rrule, from);
  return { ...recurrence, dtstart: time ? `${day}T${time}:00` : day };
}

function boundsToRecurrence(
  parts: RuleParts,
  bounds: Bounds,
  time: ClockTime | undefined,
  ctx: InterpretContext,
  options: ScheduleOptions,
): Recurrence {
  const recurrence: Recurrence = { rrule: formatRule(parts, time) };
  const dateOnly = !time && !bounds.start?.time && !options.timed;
  const firstDate = bounds.start?.date ?? localDateOf(ctx.now, ctx.zone);
  if (dateOnly) recurrence.dtstart = firstMatchingDay(recurrence.rrule, firstDate);
  else if (bounds.start)
    recurrence.dtstart = `${bounds.start.date}T${bounds.start.time ?? formatClock(time ?? DEFAULT_TIME)}:00`;
  if (bounds.count) return { ...recurrence, count: bounds.count };
  const firstDay = Temporal.PlainDate.from(firstDate);
  const lastDay =
    bounds.until ?? (bounds.span ? firstDay.add(bounds.span).subtract({ days: 1 }).toString() : undefined);
  if (lastDay) recurrence.until = endOfDay(lastDay, ctx.zone);
  return recurrence;
}

// The API's own check, run here so that a schedule that never comes round ("every February 30",
// "every day until yesterday") is asked about instead of failing when the task is saved.
function rejection(recurrence: Recurrence, ctx: InterpretContext): string | undefined {
  try {
    normalizeRecurrence(recurrence, ctx.zone, ctx.now);
    return undefined;
  } catch (error) {
    if (error instanceof Validation) return error.message.replace(/^[\w.]+:\s*/, "");
    throw error;
  }
}

function unclear(text: string): ScheduleFound {
  const unsupported = UNSUPPORTED.exec(text);
  if (unsupported) return { kind: "unclear", phrase: unsupported[0], unsupported: true };
  const every = EVERY_SOMETHING.exec(text);
  const word = every?.[1] ?? "";
  if (every && (every.index === 0 || PERIOD_LIKE.test(word) || isNearly(word, PERIOD_WORDS)))
    return { kind: "unclear", phrase: every[0], unsupported: false };
  return { kind: "none" };
}

const TIMES_APART =
  "can repeat at several hours of the day only at the same minutes past the hour (8:00 and 20:00, not 8:00 and 20:30); two tasks would do it";
const AND_ANOTHER = /^\s*(?:and|&|,)\s*(?:at\s+)?/i;

// A second time of day right after the first: "at 8am and 8pm", "at 9, and 5pm".
function secondClock(text: string, from: number): { time: ClockTime; end: number } | undefined {
  const joined = AND_ANOTHER.exec(text.slice(from));
  if (!joined) return undefined;
  const after = from + joined[0].length;
  const clock = findClockTime(text.slice(after));
  return clock && clock.start === 0 ? { time: clock.time, end: after + clock.end } : undefined;
}

/** The schedule in `text`, if there is one; "unclear" when the user plainly asked for one we cannot read. */
export function findSchedule(
  text: string,
  ctx: InterpretContext,
  options: ScheduleOptions = {},
): ScheduleFound {
  const core = findCore(text);
  if (!core) return unclear(text);
  const { parts, words, rest: withoutCore } = refineCore(core, text);
  if (parts.question)
    return {
      kind: "unclear",
      phrase: words,
      unsupported: false,
      question: parts.question,
      ...(parts.options ? { options: parts.options } : {}),
    };
  const { bounds, rest: withoutBounds } = extractBounds(withoutCore, ctx);
  const clock = findClockTime(withoutBounds);
  // An explicit time beats the part of the day, which still says which half: "every evening at 7" is 7 PM.
  const first = clock ? settleHalf(clock.time, parts.time) : parts.time;
  const second = clock ? secondClock(withoutBounds, clock.end) : undefined;
  if (first && second && second.time.minute !== first.minute)
    return { kind: "unclear", phrase: words, unsupported: false, reason: TIMES_APART };
  // "at 8am and 8pm": one series at both hours, starting at the earlier.
  const time = first && second && second.time.hour < first.hour ? second.time : first;
  // "at 8 every morning and evening": the time said, in each half of the day named (8 AM, 8 PM).
  const partHours =
    clock && parts.moreHours
      ? parts.moreHours.map((hour) => settleHalf(clock.time, { hour, minute: 0 }).hour)
      : parts.moreHours;
  const timed = { ...parts, moreHours: first && second ? [first.hour, second.time.hour] : partHours };
  const rest = clock
    ? `${withoutBounds.slice(0, clock.start)} ${withoutBounds.slice(second?.end ?? clock.end)}`
    : withoutBounds;
  const recurrence = boundsToRecurrence(timed, bounds, time, ctx, options);
  const problem = rejection(recurrence, ctx);
  if (problem) return { kind: "unclear", phrase: words, unsupported: false, reason: problem };
  return {
    kind: "found",
    recurrence,
    rest: rest.replace(/\s+/g, " ").trim(),
    words,
    startSaid: bounds.start !== undefined,
  };
}
