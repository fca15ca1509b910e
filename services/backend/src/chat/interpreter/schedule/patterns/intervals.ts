import { MONTH_DAY_LIST, WEEKDAY_LIST, weekdaysIn } from "../recurrence-days.ts";
import {
  ADVERB_END,
  dayList,
  frequencyOf,
  INTERVAL,
  intervalOf,
  MONTH,
  PART,
  type Core,
  type RuleParts,
  withPart,
} from "./rule-parts.ts";

/**
 * Intervals: "every other week on Tuesday", "every 3 days", "every 2 Tuesdays", "biweekly",
 * "quarterly", "semi-annually".
 */
export const INTERVALS: Core[] = [
  {
    pattern: String.raw`(?:every|each)\s+${INTERVAL}\s+(?:days?|weeks?|months?|years?)(?:\s+on\s+(?:the\s+)?(?:${WEEKDAY_LIST}|${MONTH_DAY_LIST}(?:\s+day)?))?`,
    build: frequencyOf,
  },
  {
    // "every other Sunday morning": a part of the day after the day sets the time.
    pattern: String.raw`(?:every|each)\s+${INTERVAL}\s+${WEEKDAY_LIST}${PART}(?!\s+${MONTH})`,
    build: (words) => withPart(everyNthWeekday(words), words),
  },
  {
    pattern: String.raw`(?:bi-?weekly|fortnightly|every\s+fortnight)(?:\s+on\s+${WEEKDAY_LIST}|${ADVERB_END})`,
    build: (w) => ({ freq: "WEEKLY", interval: 2, ...dayList(w) }),
  },
  {
    pattern: String.raw`(?:quarterly|every\s+quarter)${ADVERB_END}`,
    build: () => ({ freq: "MONTHLY", interval: 3 }),
  },
  {
    pattern: String.raw`(?:semi-?annually|bi-?annually|every\s+half\s+year)${ADVERB_END}`,
    build: () => ({ freq: "MONTHLY", interval: 6 }),
  },
];

const DAY_NAMES: Record<string, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};
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
  return {
    freq: "WEEKLY",
    interval,
    byday,
    question: `Do you mean ${monthly}, or ${other}?`,
    options: [monthly, weeks],
  };
}
