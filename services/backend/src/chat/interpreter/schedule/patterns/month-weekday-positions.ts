import { NTH_WEEKDAY, NTH_WEEKDAYS, nthWeekdaysIn } from "../recurrence-days.ts";
import { EVERY, MONTH, type Core } from "./rule-parts.ts";

/**
 * A weekday's position in the month: "the first Monday of every month", "every last Friday",
 * "monthly on the 2nd Tuesday", "every 3rd friday" (a written ordinal is the month's third Friday,
 * as in Todoist; "every third Friday" in words stays a question, see intervals.ts), "the 2nd and
 * 4th Tuesday", "every last workday" (the last Monday-to-Friday day: BYSETPOS=-1).
 */
export const MONTH_WEEKDAY_POSITIONS: Core[] = [
  {
    pattern: String.raw`(?:(?:on|every|each)\s+)?(?:the\s+)?${NTH_WEEKDAY}\s+${MONTH}`,
    build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }),
  },
  {
    pattern: String.raw`(?:(?:every|each)\s+month|monthly|once a month)\s+on\s+the\s+${NTH_WEEKDAY}`,
    build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }),
  },
  {
    pattern: String.raw`${EVERY}(?:first|1st|last)\s+\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b`,
    build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }),
  },
  {
    pattern: String.raw`${EVERY}(?:2nd|3rd|4th|5th)\s+\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b(?!\s+${MONTH})`,
    build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }),
  },
  {
    pattern: String.raw`(?:(?:on|every|each)\s+)?(?:the\s+)?${NTH_WEEKDAYS}`,
    build: (w) => ({ freq: "MONTHLY", byday: nthWeekdaysIn(w) }),
  },
  {
    pattern: String.raw`(?:${EVERY}|(?:on\s+)?the\s+)last\s+(?:work\s*day|working\s+day|business\s+day|weekday)(?:\s+${MONTH})?`,
    build: () => ({ freq: "MONTHLY", byday: ["MO", "TU", "WE", "TH", "FR"], bysetpos: [-1] }),
  },
  {
    pattern: String.raw`(?:${EVERY}|(?:on\s+)?the\s+)(?:first|1st)\s+(?:work\s*day|working\s+day|business\s+day|weekday)(?:\s+${MONTH})?`,
    build: () => ({ freq: "MONTHLY", byday: ["MO", "TU", "WE", "TH", "FR"], bysetpos: [1] }),
  },
];
