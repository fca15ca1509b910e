import { WEEKDAY_LIST, WEEKDAY_RANGE, weekdaysIn } from "../recurrence-days.ts";
import { ADVERB_END, EVERY, PART, PLURAL_DAYS, weekly, type Core } from "./rule-parts.ts";

/**
 * Weekdays: "every Monday and Thursday", "Mon-Fri", "on Mondays", "Mon, Wed and Fri", "on Monday
 * every week". Two days joined by "or" are no schedule here (they are asked about).
 */
export const WEEKDAYS: Core[] = [
  {
    pattern: String.raw`${EVERY}(?:${WEEKDAY_RANGE}|${WEEKDAY_LIST})${PART}(?:\s+(?:of\s+)?(?:every|each)\s+week)?`,
    build: weekly,
  },
  {
    pattern: String.raw`(?:on\s+)?(?:${WEEKDAY_RANGE}|${WEEKDAY_LIST})\s+(?:(?:every|each)\s+week|weekly)`,
    build: weekly,
  },
  {
    pattern: String.raw`(?:(?:every|each)\s+week\s+on|weekly\s+on)\s+(?:${WEEKDAY_RANGE}|${WEEKDAY_LIST})`,
    build: weekly,
  },
  { pattern: String.raw`(?:on\s+|from\s+)?${WEEKDAY_RANGE}`, build: weekly },
  { pattern: String.raw`on\s+${PLURAL_DAYS}|${PLURAL_DAYS}${ADVERB_END}`, build: weekly },
  {
    pattern: String.raw`(?:on\s+)?${WEEKDAY_LIST}`,
    build: (w) => (weekdaysIn(w).length >= 2 && !/\bor\b/i.test(w) ? weekly(w) : undefined),
  },
];
