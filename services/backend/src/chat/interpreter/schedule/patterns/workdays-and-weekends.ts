import { WEEKENDS, WORKDAYS } from "../recurrence-days.ts";
import { EVERY, PART, withPart, type Core } from "./rule-parts.ts";

/**
 * Working days and weekends: "every weekday", "every day except weekends", "on weekends",
 * "weekday mornings", "every weekend" (Saturday).
 */
export const WORKDAYS_AND_WEEKENDS: Core[] = [
  {
    pattern: String.raw`(?:${EVERY}day\s+(?:except|but not|excluding|apart from|other than)\s+(?:on\s+)?weekends?|${EVERY}${WORKDAYS}|(?:on\s+|all\s+)?(?:weekdays|workdays|work days|working days|business days|weekday(?=\s+(?:morning|afternoon|evening|night)))\b)${PART}`,
    build: (w) => withPart({ freq: "WEEKLY", byday: ["MO", "TU", "WE", "TH", "FR"] }, w),
  },
  // "every weekend" is one day a week, its Saturday, as in Todoist; "on weekends" is both days.
  {
    pattern: String.raw`${EVERY}weekend${PART}(?!\s*days?\b)`,
    build: (w) => withPart({ freq: "WEEKLY", byday: ["SA"] }, w),
  },
  {
    pattern: String.raw`(?:${EVERY}${WEEKENDS}|(?:on\s+|all\s+)?weekends\b)${PART}`,
    build: (w) => withPart({ freq: "WEEKLY", byday: ["SA", "SU"] }, w),
  },
];
