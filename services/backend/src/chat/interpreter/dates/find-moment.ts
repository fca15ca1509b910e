import * as chrono from "chrono-node/en";
import { Temporal } from "temporal-polyfill";
import { wallTimeOf } from "../../../time/zoned.ts";
import type { InterpretContext } from "../intent.ts";
import type { Moment } from "./moment.ts";
import { findRelativeMoment } from "./relative-dates.ts";
import { findVagueMoment } from "./vague-dates.ts";
import {
  findClockTime,
  formatClock,
  isBareHour,
  PART_OF_DAY,
  resolveBareHour,
  settleHalf,
  type ClockTime,
} from "./time-of-day.ts";
import { COMMAND_VERBS } from "../words/vocabulary.ts";

/**
 * Anchoring chrono to the user's zone. chrono does its arithmetic ("tomorrow", "Friday") on a
 * JavaScript Date in the *process* zone. So it gets a reference Date whose process-local fields
 * are the user's calendar date at noon: "tomorrow" is then the user's tomorrow whatever zone the
 * server runs in, and noon is never inside a DST gap, so the reference itself never shifts. We
 * read back only chrono's fields (year, month, day, hour, minute), never its instant, and turn
 * them into an instant with Temporal in the user's zone (instantOfMoment). Rolling a passed time
 * or weekday forward is done here against the user's real wall clock, not by chrono's
 * forwardDate (which compares against the noon reference).
 */

export type FoundMoment = { moment: Moment; start: number; end: number };

type Components = chrono.ParsedResult["start"];

// Words that, right before a date, belong to it: "due next Friday", "by 5 PM", "move X to Friday".
const CONNECTOR =
  /(?:\b(?:due|deadline)(?:\s+date)?\s*:?(?:\s+(?:is|on|by|at|for))?|\b(?:on|by|at|for|before|to|until|till|around|this coming))(?:\s+the)?\s*[,:]?\s*$/i;
const ABBREVIATION = /^(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)$/i;
const DATE_PREPOSITION = /\b(?:on|by|due|next|this|until|till|before|from|starting|every)\s+$/i;
const RANGE_SEPARATOR = /\s*(?:\s-\s|–|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*/i;
const CASUAL_PART = /^casualReference\/(morning|afternoon|evening|tonight|noon|midnight)$/;
const BARE_WEEKDAY = /^(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|thurs|fri|sat(?:ur)?|sun)(?:day)?$/i;
// What may follow a weekday that is a date: nothing, punctuation, a time, a range or a command.
const AFTER_A_DATE = new RegExp(
  String.raw`^(?:\s*$|\s*[,.;:!?)-]|\s+(?:at|@|by|before|after|around|about|from|in|morning|afternoon|evening|night|noon|midnight|next|this|week|or|and|to|through|thru|till|until|please|pls|\d|${COMMAND_VERBS.join("|")})\b)`,
  "i",
);

function referenceDate(today: Temporal.PlainDate): Date {
  return new Date(today.year, today.month - 1, today.day, 12, 0, 0, 0);
}

function partOfDay(result: chrono.ParsedResult): ClockTime | undefined {
  const tags = [...result.tags()]
    .map((tag) => CASUAL_PART.exec(tag)?.[1])
    .filter((part) => part !== undefined);
  const part = tags.find((tag) => tag !== "tonight") ?? tags[0];
  return part ? PART_OF_DAY[part] : undefined;
}

function clockOf(result: chrono.ParsedResult): ClockTime | undefined {
  const s = result.start;
  const hour = s.get("hour");
  if (s.isCertain("hour") && hour !== null) {
    const minute = s.get("minute") ?? 0;
    if (s.isCertain("meridiem")) return { hour, minute };
    const written = /\b0\d[:.]?\d{2}\b/.test(result.text) ? `0${hour}` : String(hour); // "05:00" is a 24 h clock
    // "tomorrow morning at 6": the part of the day settles the half of a bare hour.
    return settleHalf(
      { hour: resolveBareHour(hour, written), minute, bare: isBareHour(hour, written) },
      partOfDay(result),
    );
  }
  return partOfDay(result);
}

// A result that is only a month or year ("march for peace", "this month") is no due date, a
// bare "sat" or "sun" is likelier a word than a weekday unless a preposition says otherwise, and
// "for 30 minutes" is how long, not when.
function isLikelyDate(result: chrono.ParsedResult, before: string, after: string): boolean {
  const s = result.start;
  if (/^for\s/i.test(result.text)) return false;
  // A bare weekday right before a noun names the thing, not the day: "Monday standup notes",
  // "Friday drinks". With a preposition ("on Monday"), or before a time or a command, it is a date.
  if (BARE_WEEKDAY.test(result.text.trim()) && !DATE_PREPOSITION.test(before) && !AFTER_A_DATE.test(after))
    return false;
  const hasDay =
    s.isCertain("day") || s.isCertain("weekday") || s.isCertain("hour") || partOfDay(result) !== undefined;
  if (!hasDay) return false;
  return !ABBREVIATION.test(result.text.trim()) || DATE_PREPOSITION.test(before);
}

function weekdayDate(
  s: Components,
  text: string,
  today: Temporal.PlainDate,
  clock: ClockTime | undefined,
  now: Temporal.PlainDateTime,
): Temporal.PlainDate {
  const isoWeekday = (((s.get("weekday") ?? 0) + 6) % 7) + 1; // chrono counts Sunday as 0, ISO as 7
  const ahead = (isoWeekday - today.dayOfWeek + 7) % 7;
  if (/\b(?:last|past|previous)\b/i.test(text)) return today.subtract({ days: ahead === 0 ? 7 : 7 - ahead });
  // "next Friday" is the coming Friday (never today); "Friday" is today until its time has passed.
  if (/\bnext\b/i.test(text)) return today.add({ days: ahead === 0 ? 7 : ahead });
  const date = today.add({ days: ahead });
  const passed =
    ahead === 0 &&
    clock !== undefined &&
    Temporal.PlainDateTime.compare(date.toPlainDateTime(clock), now) <= 0;
  return passed ? date.add({ days: 7 }) : date;
}

function resolve(result: chrono.ParsedResult, now: Temporal.PlainDateTime): Moment | undefined {
  const s = result.start;
  const today = now.toPlainDate();
  const clock = clockOf(result);
  let date = Temporal.PlainDate.from(
    { year: s.get("year") ?? today.year, month: s.get("month") ?? 1, day: s.get("day") ?? 1 },
    { overflow: "reject" },
  );
  const certain = (...parts: Parameters<Components["isCertain"]>[0][]) =>
    parts.some((part) => s.isCertain(part));
  if (s.isCertain("weekday") && !certain("day", "month")) {
    date = weekdayDate(s, result.text, today, clock, now);
  } else if (s.isCertain("month") && !s.isCertain("year")) {
    while (Temporal.PlainDate.compare(date, today) < 0) date = date.add({ years: 1 });
  } else if (
    !certain("weekday", "day", "month", "year") &&
    clock &&
    Temporal.PlainDateTime.compare(today.toPlainDateTime(clock), now) <= 0
  ) {
    date = today.add({ days: 1 }); // "at 9 AM" said at 10 AM means tomorrow
  }
  if (!clock) return { date: date.toString() };
  const timeOnly =
    !certain("weekday", "day", "month", "year") && !/\b(?:today|tonight|tomorrow)\b/i.test(result.text);
  return { date: date.toString(), time: formatClock(clock), ...(timeOnly ? { timeOnly } : {}) };
}

// "book a table for friday dinner at 7pm": a weekday left in the title names the day of a time
// said alone. The weekday stays in the title, where the user put it.
const WEEKDAY_IN_WORDS =
  /(?<!\b(?:every|each|last|past|previous)\s+)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

function onNamedWeekday(found: FoundMoment, text: string, now: Temporal.PlainDateTime): FoundMoment {
  if (!found.moment.timeOnly || !found.moment.time) return found;
  const rest = `${text.slice(0, found.start)} ${text.slice(found.end)}`;
  const weekday = WEEKDAY_IN_WORDS.exec(rest)?.[1];
  if (!weekday) return found;
  const iso =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].indexOf(
      weekday.toLowerCase(),
    ) + 1;
  const today = now.toPlainDate();
  let date = today.add({ days: (iso - today.dayOfWeek + 7) % 7 });
  if (
    Temporal.PlainDateTime.compare(date.toPlainDateTime(Temporal.PlainTime.from(found.moment.time)), now) <= 0
  )
    date = date.add({ days: 7 });
  return { ...found, moment: { date: date.toString(), time: found.moment.time } };
}

function fromChrono(text: string, now: Temporal.PlainDateTime): FoundMoment | undefined {
  for (const result of chrono.parse(text, referenceDate(now.toPlainDate()))) {
    if (!isLikelyDate(result, text.slice(0, result.index), text.slice(result.index + result.text.length)))
      continue;
    const moment = resolve(result, now);
    // A range ("next Monday until Dec 31") is its start here; the words after it belong to someone else.
    const separator = result.end ? RANGE_SEPARATOR.exec(result.text) : null;
    const length = separator ? separator.index : result.text.length;
    if (moment) return { moment, start: result.index, end: result.index + length };
  }
  return undefined;
}

// Our own dates ("on the 3rd", "next week") take a time written right after them: "on the 3rd at 10am".
function withFollowingTime(found: FoundMoment, text: string): FoundMoment {
  if (found.moment.time || found.moment.instant) return found;
  const after = text.slice(found.end);
  const clock = findClockTime(after);
  if (!clock || after.slice(0, clock.start).trim() !== "") return found;
  return { ...found, moment: { ...found.moment, time: formatClock(clock.time) }, end: found.end + clock.end };
}

/**
 * The first date or time in `text`, read in the user's zone, with its span widened over the
 * words that lead into it ("due", "by", "on") so that cutting it out leaves a clean title.
 * Example: `renew passport due next Friday` (Saturday 2026-11-28) → 2026-12-04, span "due next Friday".
 */
export function findMoment(text: string, ctx: InterpretContext): FoundMoment | undefined {
  const now = wallTimeOf(ctx.now, ctx.zone);
  const candidates = [
    findVagueMoment(text, ctx.now, ctx.zone),
    findRelativeMoment(text, ctx.now, ctx.zone),
    fromChrono(text, now),
  ].filter((c) => c !== undefined);
  const first = candidates.sort((a, b) => a.start - b.start)[0];
  if (!first) return undefined;
  const found = onNamedWeekday(withFollowingTime(first, text), text, now);
  const connector = CONNECTOR.exec(text.slice(0, found.start));
  return connector ? { ...found, start: connector.index } : found;
}
