import { Temporal } from "temporal-polyfill";
import { instantOf, wallTimeOf } from "../../../time/zoned.ts";
import { Validation } from "@todo/outbox/runtime";
import { normalizeRecurrence } from "../../../recurrence/normalize-recurrence.ts";
import type { InterpretContext, Recurrence } from "../intent.ts";
import { extractBounds, type Bounds } from "./recurrence-bounds.ts";
import { findCore, type RuleParts } from "./recurrence-patterns.ts";
import { refineCore } from "./refine-schedule.ts";
import { isNearly } from "../words/fuzzy.ts";
import { findClockTime, formatClock, settleHalf, type ClockTime } from "../dates/time-of-day.ts";

/**
 * Finds a schedule in a message and turns it into what normalizeRecurrence takes. The rule gets
 * BYHOUR/BYMINUTE only when the user named a time; otherwise normalizeRecurrence's default applies.
 * Example: `every Friday at 2 PM remind me to submit my weekly report` →
 * `FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0`, rest `remind me to submit my weekly report`.
 */

export type ScheduleFound =
  | { kind: "none" }
  | { kind: "unclear"; phrase: string; unsupported: boolean; reason?: string; question?: string; options?: string[] }
  | { kind: "found"; recurrence: Recurrence; rest: string; words: string };

// The time normalizeRecurrence gives a rule without one; a dtstart needs a time of day, and this keeps it the same.
const DEFAULT_TIME: ClockTime = { hour: 9, minute: 0 };

// Schedules this product cannot keep (sub-daily) or that name no real period ("every blursday").
const UNSUPPORTED = /\b(?:hourly|every\s+(?:\d+\s+|few\s+|couple\s+of\s+)?(?:hours?|minutes?|mins?|seconds?)|(?:twice|thrice|(?:\d+|two|three|four)\s+times)\s+(?:a|per|every)\s+(?:day|week|month|year))\b/i;
const EVERY_SOMETHING = /\b(?:every|each)\s+(?:other\s+|single\s+)?([\p{L}\p{N}'-]+)(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?/iu;
const PERIOD_LIKE = /(?:day|week|month|year|night|morning|evening|weekend|fortnight|quarter|hour|minute|^\d)/i;
// "every fortnite", "every wek", "every mondy": a period word misspelt is still a schedule asked for.
const PERIOD_WORDS = ["day", "week", "month", "year", "fortnight", "weekday", "weekend", "morning", "evening", "night", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** RRULE text in the order people read it: FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, BYHOUR, BYMINUTE. */
export function formatRule(parts: RuleParts, time: ClockTime | undefined): string {
  const fields = [`FREQ=${parts.freq}`];
  if (parts.interval && parts.interval > 1) fields.push(`INTERVAL=${parts.interval}`);
  if (parts.bymonth) fields.push(`BYMONTH=${parts.bymonth}`);
  if (parts.bymonthday?.length) fields.push(`BYMONTHDAY=${parts.bymonthday.join(",")}`);
  if (parts.byday?.length) fields.push(`BYDAY=${parts.byday.join(",")}`);
  if (parts.bysetpos?.length) fields.push(`BYSETPOS=${parts.bysetpos.join(",")}`);
  if (time) fields.push(`BYHOUR=${time.hour}`, `BYMINUTE=${time.minute}`);
  return fields.join(";");
}

// The series ends at the end of its last day in the user's zone, so an occurrence on that day still happens.
export function endOfDay(date: string, zone: string): string {
  return instantOf(Temporal.PlainDate.from(date).toPlainDateTime({ hour: 23, minute: 59, second: 59 }), zone).toISOString();
}

function boundsToRecurrence(rrule: string, bounds: Bounds, time: ClockTime | undefined, ctx: InterpretContext): Recurrence {
  const recurrence: Recurrence = { rrule };
  if (bounds.start) recurrence.dtstart = `${bounds.start.date}T${bounds.start.time ?? formatClock(time ?? DEFAULT_TIME)}:00`;
  if (bounds.count) return { ...recurrence, count: bounds.count };
  const firstDay = bounds.start ? Temporal.PlainDate.from(bounds.start.date) : wallTimeOf(ctx.now, ctx.zone).toPlainDate();
  const lastDay = bounds.until ?? (bounds.span ? firstDay.add(bounds.span).subtract({ days: 1 }).toString() : undefined);
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
  if (every && (every.index === 0 || PERIOD_LIKE.test(word) || isNearly(word, PERIOD_WORDS))) return { kind: "unclear", phrase: every[0], unsupported: false };
  return { kind: "none" };
}

/** The schedule in `text`, if there is one; "unclear" when the user plainly asked for one we cannot read. */
export function findSchedule(text: string, ctx: InterpretContext): ScheduleFound {
  const core = findCore(text);
  if (!core) return unclear(text);
  const { parts, words, rest: withoutCore } = refineCore(core, text);
  if (parts.question) return { kind: "unclear", phrase: words, unsupported: false, question: parts.question, ...(parts.options ? { options: parts.options } : {}) };
  const { bounds, rest: withoutBounds } = extractBounds(withoutCore, ctx);
  const clock = findClockTime(withoutBounds);
  // An explicit time beats the part of the day, which still says which half: "every evening at 7" is 7 PM.
  const time = clock ? settleHalf(clock.time, parts.time) : parts.time;
  const rest = clock ? `${withoutBounds.slice(0, clock.start)} ${withoutBounds.slice(clock.end)}` : withoutBounds;
  const recurrence = boundsToRecurrence(formatRule(parts, time), bounds, time, ctx);
  const problem = rejection(recurrence, ctx);
  if (problem) return { kind: "unclear", phrase: words, unsupported: false, reason: problem };
  return { kind: "found", recurrence, rest: rest.replace(/\s+/g, " ").trim(), words };
}
