import {
  MONTH_DATE, MONTH_DAY_LIST, MONTH_NAME, monthDateIn, monthDaysIn, NTH_WEEKDAY, NTH_WEEKDAYS, nthWeekdaysIn, WEEKDAY_LIST, WEEKDAY_RANGE, weekdayRange,
  weekdaysIn, WEEKENDS, WORKDAYS,
} from "./recurrence-days.ts";
import { PART_OF_DAY, type ClockTime } from "../dates/time-of-day.ts";
import { numberValue, ordinalValue } from "../words/vocabulary.ts";

/**
 * The schedule core of a message ("every Monday", "monthly on the 1st", "the last Friday of the
 * month", "every other week on Tuesday"), each form with what it means as RRULE parts. The
 * time of day and the bounds ("starting …", "until …", "10 times") are read separately.
 */

export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";
/**
 * `question`: the words allow two schedules, and the user is asked which instead of one being
 * guessed; `options` are those schedules in words, in the order the question offers them.
 */
export type RuleParts = { freq: Frequency; interval?: number; byday?: string[]; bymonthday?: number[]; bymonth?: number; bysetpos?: number[]; time?: ClockTime; question?: string; options?: string[] };

type Core = { pattern: string; build: (words: string) => RuleParts | undefined };

const EVERY = String.raw`(?:every|each)\s+(?:single\s+)?`;
const MONTH = String.raw`(?:of\s+)?(?:every|each|the|a)\s+month`;
const INTERVAL = String.raw`(?:other|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)`;
const ORDINAL_DAYS = String.raw`\d{1,2}(?:st|nd|rd|th)(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?\d{1,2}(?:st|nd|rd|th))*`;
const PLURAL_WEEKDAY = String.raw`(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)`;
// A bare "weekly" is a schedule in "water plants weekly" or "weekly on Monday", but only a word
// in "submit my weekly report": it counts when what follows cannot be the noun it describes.
const ADVERB_END = String.raw`(?=\s*$|\s*[,.;:!]|\s+(?:on|at|from|starting|beginning|until|till|through|for|every|each|remind|and|in|@|forever|then|please)\b|\s+\d)`;
// "every Sunday night", "weekday mornings": a part of the day after the days sets the time.
const PART = String.raw`(?:\s+(?:in\s+the\s+)?(?:morning|afternoon|evening|night)s?)?`;
// "Mondays and Thursdays", "fridays evenings". Bare, before a noun, the days name the thing
// ("add Mondays meeting notes"); "on Mondays", or a time or schedule word after them, make a schedule.
const PLURAL_DAYS = String.raw`\b${PLURAL_WEEKDAY}\b(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b)*${PART}`;
const FREQUENCY_WORD: Record<string, Frequency> = { day: "DAILY", week: "WEEKLY", month: "MONTHLY", year: "YEARLY", daily: "DAILY", nightly: "DAILY", weekly: "WEEKLY", monthly: "MONTHLY", yearly: "YEARLY", annually: "YEARLY" };

const EVERY_INTERVAL = new RegExp(String.raw`(?:every|each)\s+(${INTERVAL})\b`, "i");

function intervalOf(words: string): number {
  const m = EVERY_INTERVAL.exec(words);
  if (!m?.[1]) return 1;
  const word = m[1].toLowerCase();
  return word === "other" ? 2 : (ordinalValue(word) ?? numberValue(word) ?? 1);
}

function withInterval(parts: RuleParts, interval: number): RuleParts {
  return interval > 1 ? { ...parts, interval } : parts;
}

// What an attached "on …" clause adds to a frequency: weekdays, days of the month or an nth weekday.
function onClause(freq: Frequency, words: string): RuleParts {
  const clause = /\bon\s+(?:the\s+)?(.*)$/i.exec(words)?.[1] ?? "";
  const nth = nthWeekdaysIn(clause);
  if (nth.length > 0) return { freq: "MONTHLY", byday: nth };
  const days = weekdaysIn(clause);
  if (days.length > 0) return { freq: freq === "DAILY" ? "WEEKLY" : freq, byday: days };
  const monthDays = monthDaysIn(clause);
  if (monthDays.length > 0) return { freq: freq === "YEARLY" ? "YEARLY" : "MONTHLY", bymonthday: monthDays };
  return { freq };
}

function frequencyOf(words: string): RuleParts | undefined {
  const lower = words.toLowerCase();
  const part = /(morning|afternoon|evening|night)/.exec(lower)?.[1];
  if (part && !/\bon\b/.test(lower)) return { freq: "DAILY", time: PART_OF_DAY[part] };
  const word = /\b(day|week|month|year|daily|nightly|weekly|monthly|yearly|annually)s?\b/.exec(lower)?.[1];
  const freq = word ? FREQUENCY_WORD[word] : undefined;
  return freq ? withInterval(onClause(freq, words), intervalOf(words)) : undefined;
}

const ON_DAYS = new RegExp(String.raw`\bon\s+(?:the\s+)?(?:${NTH_WEEKDAY}|${WEEKDAY_LIST}|${ORDINAL_DAYS}|last\s+day)\b`, "i");

/** The days a bare frequency takes from an "on …" clause elsewhere: "a monthly task to pay rent on the 1st". */
export function findOnClause(freq: Frequency, text: string): { parts: RuleParts; start: number; end: number } | undefined {
  const m = ON_DAYS.exec(text);
  if (!m) return undefined;
  const parts = onClause(freq, m[0]);
  return parts.byday || parts.bymonthday ? { parts, start: m.index, end: m.index + m[0].length } : undefined;
}

/** Every schedule form, as [pattern, meaning]; the leftmost, then longest, match wins. */
export const CORES: Core[] = [
  // The nth weekday of the month: "the first Monday of every month", "every last Friday", "monthly on the 2nd Tuesday".
  { pattern: String.raw`(?:(?:on|every|each)\s+)?(?:the\s+)?${NTH_WEEKDAY}\s+${MONTH}`, build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }) },
  { pattern: String.raw`(?:(?:every|each)\s+month|monthly|once a month)\s+on\s+the\s+${NTH_WEEKDAY}`, build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }) },
  { pattern: String.raw`${EVERY}(?:first|1st|last)\s+\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b`, build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }) },
  // "every 3rd friday" with a written ordinal is the month's third Friday, as in Todoist; "every
  // third Friday" in words stays a question (below), since it may mean every three weeks.
  { pattern: String.raw`${EVERY}(?:2nd|3rd|4th|5th)\s+\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b(?!\s+${MONTH})`, build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }) },
  // The last day and the last working day of the month: "every last day", "every last workday".
  { pattern: String.raw`(?:${EVERY}|(?:on\s+)?the\s+)last\s+day(?:\s+${MONTH})?`, build: () => ({ freq: "MONTHLY", bymonthday: [-1] }) },
  { pattern: String.raw`(?:${EVERY}|(?:on\s+)?the\s+)last\s+(?:work\s*day|working\s+day|business\s+day|weekday)(?:\s+${MONTH})?`, build: () => ({ freq: "MONTHLY", byday: ["MO", "TU", "WE", "TH", "FR"], bysetpos: [-1] }) },
  { pattern: String.raw`(?:${EVERY}|(?:on\s+)?the\s+)(?:first|1st)\s+(?:work\s*day|working\s+day|business\s+day|weekday)(?:\s+${MONTH})?`, build: () => ({ freq: "MONTHLY", byday: ["MO", "TU", "WE", "TH", "FR"], bysetpos: [1] }) },
  // "every 27": a bare day number is that day of each month (Todoist's shorthand).
  { pattern: String.raw`${EVERY}(?:[1-9]|[12]\d|3[01])(?!\s*(?:[:.]\d|st|nd|rd|th|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|am|pm|a\.m|p\.m|times|x)\b)(?!\s*(?:[:.]\d|%))`, build: (w) => ({ freq: "MONTHLY", bymonthday: [Number(/(\d+)\s*$/.exec(w)?.[1])] }) },
  { pattern: String.raw`(?:(?:on|every|each)\s+)?(?:the\s+)?${NTH_WEEKDAYS}`, build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }) },
  // Days of the month: "on the 1st of every month", "monthly on the 1st and 15th", "every 15th", "the last day of the month".
  { pattern: String.raw`(?:(?:on|every|each)\s+)?(?:the\s+)?${MONTH_DAY_LIST}(?:\s+day)?\s+${MONTH}`, build: (w) => ({ freq: "MONTHLY", bymonthday: monthDaysIn(w.replace(/month.*$/i, "")) }) },
  { pattern: String.raw`(?:(?:every|each)\s+(?:${INTERVAL}\s+)?months?|monthly|once a month)\s+on\s+the\s+${MONTH_DAY_LIST}(?:\s+day)?(?:\s+of\s+the\s+month)?`, build: (w) => withInterval({ freq: "MONTHLY", bymonthday: monthDaysIn(w.replace(/^.*?\bon\s+the\b/i, "")) }, intervalOf(w)) },
  { pattern: String.raw`${EVERY}${ORDINAL_DAYS}\b(?!\s+(?:days?|weeks?|months?|years?|\w+days?)\b)(?!\s+(?:of\s+)?${MONTH_NAME}\b)`, build: (w) => ({ freq: "MONTHLY", bymonthday: monthDaysIn(w) }) },
  { pattern: String.raw`(?:at\s+)?the\s+end\s+of\s+(?:every|each)\s+month`, build: () => ({ freq: "MONTHLY", bymonthday: [-1] }) },
  // A date every year: "every March 5", "every year on the 5th of March", "annually on Dec 25".
  { pattern: String.raw`${EVERY}(?:year\s+on\s+)?${MONTH_DATE}`, build: yearly },
  { pattern: String.raw`(?:yearly|annually|(?:every|each)\s+year|once a year)\s+on\s+(?:the\s+)?${MONTH_DATE}`, build: yearly },
  { pattern: String.raw`(?:on\s+)?${MONTH_DATE}\s+(?:(?:every|each)\s+year|yearly|annually)`, build: yearly },
  // Intervals: "every other week on Tuesday", "every 3 days", "biweekly", "quarterly".
  { pattern: String.raw`(?:every|each)\s+${INTERVAL}\s+(?:days?|weeks?|months?|years?)(?:\s+on\s+(?:the\s+)?(?:${WEEKDAY_LIST}|${MONTH_DAY_LIST}(?:\s+day)?))?`, build: frequencyOf },
  { pattern: String.raw`(?:every|each)\s+${INTERVAL}\s+${WEEKDAY_LIST}(?!\s+${MONTH})`, build: everyNthWeekday },
  { pattern: String.raw`(?:bi-?weekly|fortnightly|every\s+fortnight)(?:\s+on\s+${WEEKDAY_LIST}|${ADVERB_END})`, build: (w) => ({ freq: "WEEKLY", interval: 2, ...dayList(w) }) },
  { pattern: String.raw`(?:quarterly|every\s+quarter)${ADVERB_END}`, build: () => ({ freq: "MONTHLY", interval: 3 }) },
  { pattern: String.raw`(?:semi-?annually|bi-?annually|every\s+half\s+year)${ADVERB_END}`, build: () => ({ freq: "MONTHLY", interval: 6 }) },
  // Working days and weekends.
  { pattern: String.raw`(?:${EVERY}day\s+(?:except|but not|excluding|apart from|other than)\s+(?:on\s+)?weekends?|${EVERY}${WORKDAYS}|(?:on\s+|all\s+)?(?:weekdays|workdays|work days|working days|business days)\b)${PART}`, build: (w) => withPart({ freq: "WEEKLY", byday: ["MO", "TU", "WE", "TH", "FR"] }, w) },
  { pattern: String.raw`(?:${EVERY}${WEEKENDS}|(?:on\s+|all\s+)?weekends\b)${PART}`, build: (w) => withPart({ freq: "WEEKLY", byday: ["SA", "SU"] }, w) },
  // Weekdays: "every Monday and Thursday", "Mon-Fri", "on Mondays", "Mon, Wed and Fri", "on Monday every week".
  { pattern: String.raw`${EVERY}(?:${WEEKDAY_RANGE}|${WEEKDAY_LIST})${PART}(?:\s+(?:of\s+)?(?:every|each)\s+week)?`, build: weekly },
  { pattern: String.raw`(?:on\s+)?(?:${WEEKDAY_RANGE}|${WEEKDAY_LIST})\s+(?:(?:every|each)\s+week|weekly)`, build: weekly },
  { pattern: String.raw`(?:(?:every|each)\s+week\s+on|weekly\s+on)\s+(?:${WEEKDAY_RANGE}|${WEEKDAY_LIST})`, build: weekly },
  { pattern: String.raw`(?:on\s+|from\s+)?${WEEKDAY_RANGE}`, build: weekly },
  { pattern: String.raw`on\s+${PLURAL_DAYS}|${PLURAL_DAYS}${ADVERB_END}`, build: weekly },
  { pattern: String.raw`(?:on\s+)?${WEEKDAY_LIST}`, build: (w) => (weekdaysIn(w).length >= 2 && !/\bor\b/i.test(w) ? weekly(w) : undefined) },
  // Plain frequencies, with what an attached "on …" adds: "every day", "weekly on Monday", "monthly on the 1st".
  { pattern: String.raw`(?:${EVERY}(?:day|week|month|year|morning|afternoon|evening|night)|once\s+(?:a|per|every)\s+(?:day|week|month|year)|(?:on\s+)?(?:a\s+)?(?:daily|weekly|monthly|yearly)\s+basis)(?:\s+on\s+(?:the\s+)?(?:${NTH_WEEKDAY}|${WEEKDAY_LIST}|${MONTH_DAY_LIST}(?:\s+day)?))?`, build: frequencyOf },
  // "a weekly task to …", "a daily reminder": before a task noun the adjective is the schedule.
  { pattern: String.raw`(?:daily|nightly|weekly|monthly|yearly|annual)(?=\s+(?:task|todo|to-do|reminder|chore|item)s?\b)`, build: (w) => frequencyOf(w.replace(/annual/i, "annually")) },
  { pattern: String.raw`(?:daily|nightly|weekly|monthly|yearly|annually)(?:\s+on\s+(?:the\s+)?(?:${NTH_WEEKDAY}|${WEEKDAY_LIST}|${MONTH_DAY_LIST}(?:\s+day)?)|${ADVERB_END})`, build: frequencyOf },
];

const DAY_NAMES: Record<string, string> = { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" };
const ORDINAL_INTERVAL = /^(?:every|each)\s+(second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th)\s/i;

// "every other Tuesday" and "every 2 Tuesdays" are every second week. "every second Tuesday" may
// be that or the second Tuesday of each month (which "of the month" would settle), so it is asked.
function everyNthWeekday(words: string): RuleParts {
  const interval = intervalOf(words);
  const byday = weekdaysIn(words.replace(/^\S+\s+\S+/, ""));
  const ordinal = ORDINAL_INTERVAL.exec(words)?.[1];
  if (!ordinal || byday.length !== 1 || interval > 5) return { freq: "WEEKLY", interval, byday };
  const day = DAY_NAMES[byday[0]!]!;
  const nth = words.split(/\s+/)[1]!.toLowerCase();
  const monthly = `the ${nth} ${day} of every month`;
  const weeks = interval === 2 ? `every other ${day}` : `every ${interval} weeks on ${day}`;
  const other = interval === 2 ? `${weeks} (every 2 weeks)` : weeks;
  return { freq: "WEEKLY", interval, byday, question: `Do you mean ${monthly}, or ${other}?`, options: [monthly, weeks] };
}

function dayList(words: string): { byday?: string[] } {
  const days = weekdaysIn(words);
  return days.length > 0 ? { byday: days } : {};
}

function withPart(parts: RuleParts, words: string): RuleParts {
  const part = /(morning|afternoon|evening|night)s?\s*$/i.exec(words)?.[1]?.toLowerCase();
  const time = part ? PART_OF_DAY[part] : undefined;
  return time ? { ...parts, time } : parts;
}

const WEEKDAY_RANGE_PATTERN = new RegExp(WEEKDAY_RANGE, "i");

function weekly(words: string): RuleParts | undefined {
  const range = WEEKDAY_RANGE_PATTERN.exec(words);
  const days = range ? weekdayRange(range[0]) : weekdaysIn(words);
  return days.length > 0 ? withPart({ freq: "WEEKLY", byday: days }, words.replace(/\s+(?:of\s+)?(?:every|each)\s+week$/i, "")) : undefined;
}

// Days each month can have (February in a leap year); "every February 30" is no yearly date.
const MONTH_LENGTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function yearly(words: string): RuleParts | undefined {
  const date = monthDateIn(words);
  if (!date || date.day > (MONTH_LENGTH[date.month - 1] ?? 31)) return undefined;
  return { freq: "YEARLY", bymonth: date.month, bymonthday: [date.day] };
}

export type CoreMatch = { parts: RuleParts; start: number; end: number };

// Compiled once: findCore runs on most messages, and these are the largest patterns of the grammar.
const CORE_PATTERNS = CORES.map((core) => ({ core, pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${core.pattern})(?![\p{L}\p{N}])`, "giu") }));

/** The leftmost, then longest, schedule core in `text`. */
export function findCore(text: string): CoreMatch | undefined {
  let best: CoreMatch | undefined;
  for (const { core, pattern } of CORE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const parts = core.build(m[0]);
      if (!parts) continue;
      const candidate = { parts, start: m.index, end: m.index + m[0].length };
      const better = !best || candidate.start < best.start || (candidate.start === best.start && candidate.end > best.end);
      if (better) best = candidate;
      break;
    }
  }
  return best;
}
