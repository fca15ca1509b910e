import { MONTH_DAY_LIST, MONTH_NAME, monthDaysIn } from "../recurrence-days.ts";
import { EVERY, INTERVAL, intervalOf, MONTH, ORDINAL_DAYS, withInterval, type Core } from "./rule-parts.ts";

/**
 * Days of the month: "on the 1st of every month", "monthly on the 1st and 15th", "every 15th",
 * "every 27" (a bare number is that day of each month, Todoist's shorthand), "every last day",
 * "the end of every month".
 */
export const MONTH_DAYS: Core[] = [
  {
    pattern: String.raw`(?:${EVERY}|(?:on\s+)?the\s+)last\s+day(?:\s+${MONTH})?`,
    build: () => ({ freq: "MONTHLY", bymonthday: [-1] }),
  },
  {
    pattern: String.raw`${EVERY}(?:[1-9]|[12]\d|3[01])(?!\s*(?:[:.]\d|st|nd|rd|th|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|am|pm|a\.m|p\.m|times|x)\b)(?!\s*(?:[:.]\d|%))`,
    build: (w) => ({ freq: "MONTHLY", bymonthday: [Number(/(\d+)\s*$/.exec(w)?.[1])] }),
  },
  {
    pattern: String.raw`(?:(?:on|every|each)\s+)?(?:the\s+)?${MONTH_DAY_LIST}(?:\s+day)?\s+${MONTH}`,
    build: (w) => ({ freq: "MONTHLY", bymonthday: monthDaysIn(w.replace(/month.*$/i, "")) }),
  },
  {
    pattern: String.raw`(?:(?:every|each)\s+(?:${INTERVAL}\s+)?months?|monthly|once a month)\s+on\s+the\s+${MONTH_DAY_LIST}(?:\s+day)?(?:\s+of\s+the\s+month)?`,
    build: (w) =>
      withInterval(
        { freq: "MONTHLY", bymonthday: monthDaysIn(w.replace(/^.*?\bon\s+the\b/i, "")) },
        intervalOf(w),
      ),
  },
  {
    pattern: String.raw`${EVERY}${ORDINAL_DAYS}\b(?!\s+(?:days?|weeks?|months?|years?|\w+days?)\b)(?!\s+(?:of\s+)?${MONTH_NAME}\b)`,
    build: (w) => ({ freq: "MONTHLY", bymonthday: monthDaysIn(w) }),
  },
  {
    pattern: String.raw`(?:at\s+)?the\s+end\s+of\s+(?:every|each)\s+month`,
    build: () => ({ freq: "MONTHLY", bymonthday: [-1] }),
  },
];
