import { MONTH_DATE, monthDateIn } from "../recurrence-days.ts";
import { EVERY, type Core, type RuleParts } from "./rule-parts.ts";

/**
 * A date every year: "every March 5", "every year on the 5th of March", "annually on Dec 25".
 */
export const YEARLY_DATES: Core[] = [
  { pattern: String.raw`${EVERY}(?:year\s+on\s+)?${MONTH_DATE}`, build: yearly },
  {
    pattern: String.raw`(?:yearly|annually|(?:every|each)\s+year|once a year)\s+on\s+(?:the\s+)?${MONTH_DATE}`,
    build: yearly,
  },
  { pattern: String.raw`(?:on\s+)?${MONTH_DATE}\s+(?:(?:every|each)\s+year|yearly|annually)`, build: yearly },
];

// Days each month can have (February in a leap year); "every February 30" is no yearly date.
const MONTH_LENGTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function yearly(words: string): RuleParts | undefined {
  const date = monthDateIn(words);
  if (!date || date.day > (MONTH_LENGTH[date.month - 1] ?? 31)) return undefined;
  return { freq: "YEARLY", bymonth: date.month, bymonthday: [date.day] };
}
