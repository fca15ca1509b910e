import { monthDaysIn, nthWeekdaysIn, weekdayRange, weekdaysIn, WEEKDAY_RANGE } from "../recurrence-days.ts";
import type { ClockTime } from "../../dates/time-of-day.ts";
import { numberValue, ordinalValue } from "../../words/vocabulary.ts";

/**
 * What every schedule family shares: the meaning of a match as RRULE parts, the word patterns
 * the families are written with, and the helpers that turn words into parts.
 */

export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";
/**
 * `question`: the words allow two schedules, and the user is asked which instead of one being
 * guessed; `options` are those schedules in words, in the order the question offers them.
 */
export type RuleParts = {
  freq: Frequency;
  interval?: number;
  byday?: string[];
  bymonthday?: number[];
  bymonth?: number;
  bysetpos?: number[];
  time?: ClockTime;
  /** more hours at the same minute as `time` ("at 8am and 8pm") */
  moreHours?: number[];
  question?: string;
  options?: string[];
};

export type Core = { pattern: string; build: (words: string) => RuleParts | undefined };

export const EVERY = String.raw`(?:every|each)\s+(?:single\s+)?`;
export const MONTH = String.raw`(?:of\s+)?(?:every|each|the|a)\s+month`;
export const INTERVAL = String.raw`(?:other|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)`;
export const ORDINAL_DAYS = String.raw`\d{1,2}(?:st|nd|rd|th)(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?\d{1,2}(?:st|nd|rd|th))*`;
const PLURAL_WEEKDAY = String.raw`(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)`;
// A bare "weekly" is a schedule in "water plants weekly" or "weekly on Monday", but only a word
// in "submit my weekly report": it counts when what follows cannot be the noun it describes.
export const ADVERB_END = String.raw`(?=\s*$|\s*[,.;:!]|\s+(?:on|at|from|starting|beginning|until|till|through|for|every|each|remind|and|in|@|forever|then|please)\b|\s+\d)`;
// "every Sunday night", "weekday mornings": a part of the day after the days sets the time.
const DAY_PART = String.raw`(?:in\s+the\s+)?(?:morning|afternoon|evening|night)s?`;
// "every Sunday night", "weekday mornings", "every morning and evening" (both times).
export const PART = String.raw`(?:\s+${DAY_PART}(?:\s+(?:and|&)\s+${DAY_PART})?)?`;
// "Mondays and Thursdays", "fridays evenings". Bare, before a noun, the days name the thing
// ("add Mondays meeting notes"); "on Mondays", or a time or schedule word after them, make a schedule.
export const PLURAL_DAYS = String.raw`\b${PLURAL_WEEKDAY}\b(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b)*${PART}`;
/**
 * A part of the day in a schedule, as Todoist's recurring due dates read it, so that people who
 * move over are not surprised: "every morning" 9 AM, "every afternoon" 12 PM, "every evening"
 * 7 PM, "every night" 10 PM. (One-off dates keep their own meanings, see time-of-day.ts.)
 */
export const SERIES_PART_OF_DAY: Record<string, ClockTime> = {
  morning: { hour: 9, minute: 0 },
  afternoon: { hour: 12, minute: 0 },
  evening: { hour: 19, minute: 0 },
  night: { hour: 22, minute: 0 },
};
const FREQUENCY_WORD: Record<string, Frequency> = {
  day: "DAILY",
  week: "WEEKLY",
  month: "MONTHLY",
  year: "YEARLY",
  daily: "DAILY",
  nightly: "DAILY",
  weekly: "WEEKLY",
  monthly: "MONTHLY",
  yearly: "YEARLY",
  annually: "YEARLY",
};

const EVERY_INTERVAL = new RegExp(String.raw`(?:every|each)\s+(${INTERVAL})\b`, "i");

export function intervalOf(words: string): number {
  const m = EVERY_INTERVAL.exec(words);
  if (!m?.[1]) return 1;
  const word = m[1].toLowerCase();
  return word === "other" ? 2 : (ordinalValue(word) ?? numberValue(word) ?? 1);
}

export function withInterval(parts: RuleParts, interval: number): RuleParts {
  return interval > 1 ? { ...parts, interval } : parts;
}

// What an attached "on …" clause adds to a frequency: weekdays, days of the month or an nth weekday.
export function onClause(freq: Frequency, words: string): RuleParts {
  const clause = /\bon\s+(?:the\s+)?(.*)$/i.exec(words)?.[1] ?? "";
  const nth = nthWeekdaysIn(clause);
  if (nth.length > 0) return { freq: "MONTHLY", byday: nth };
  const days = weekdaysIn(clause);
  if (days.length > 0) return { freq: freq === "DAILY" ? "WEEKLY" : freq, byday: days };
  const monthDays = monthDaysIn(clause);
  if (monthDays.length > 0) return { freq: freq === "YEARLY" ? "YEARLY" : "MONTHLY", bymonthday: monthDays };
  return { freq };
}

/** The times the parts of the day in `words` stand for: "morning and evening" → 9 AM, then 7 PM. */
function partTimes(words: string): Pick<RuleParts, "time" | "moreHours"> {
  const times = [...words.toLowerCase().matchAll(/(morning|afternoon|evening|night)/g)].map(
    (m) => SERIES_PART_OF_DAY[m[1]!]!,
  );
  if (times.length === 0) return {};
  return times.length === 1 ? { time: times[0] } : { time: times[0], moreHours: times.map((t) => t.hour) };
}

export function frequencyOf(words: string): RuleParts | undefined {
  const lower = words.toLowerCase();
  const part = /(morning|afternoon|evening|night)/.exec(lower)?.[1];
  if (part && !/\bon\b/.test(lower)) return { freq: "DAILY", ...partTimes(lower) };
  const word = /\b(day|week|month|year|daily|nightly|weekly|monthly|yearly|annually)s?\b/.exec(lower)?.[1];
  const freq = word ? FREQUENCY_WORD[word] : undefined;
  return freq ? withInterval(onClause(freq, words), intervalOf(words)) : undefined;
}

export function dayList(words: string): { byday?: string[] } {
  const days = weekdaysIn(words);
  return days.length > 0 ? { byday: days } : {};
}

export function withPart(parts: RuleParts, words: string): RuleParts {
  const tail =
    /(?:(?:morning|afternoon|evening|night)s?\s+(?:and|&)\s+)?(?:morning|afternoon|evening|night)s?\s*$/i.exec(
      words,
    );
  return tail ? { ...parts, ...partTimes(tail[0]) } : parts;
}

const WEEKDAY_RANGE_PATTERN = new RegExp(WEEKDAY_RANGE, "i");

export function weekly(words: string): RuleParts | undefined {
  const range = WEEKDAY_RANGE_PATTERN.exec(words);
  const days = range ? weekdayRange(range[0]) : weekdaysIn(words);
  return days.length > 0
    ? withPart({ freq: "WEEKLY", byday: days }, words.replace(/\s+(?:of\s+)?(?:every|each)\s+week$/i, ""))
    : undefined;
}
