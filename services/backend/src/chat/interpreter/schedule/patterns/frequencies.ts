import { MONTH_DAY_LIST, NTH_WEEKDAY, WEEKDAY_LIST } from "../recurrence-days.ts";
import {
  ADVERB_END,
  EVERY,
  frequencyOf,
  onClause,
  ORDINAL_DAYS,
  type Core,
  type Frequency,
  type RuleParts,
} from "./rule-parts.ts";

/**
 * Plain frequencies, with what an attached "on …" adds: "every day", "weekly on Monday",
 * "monthly on the 1st"; and "a weekly task to …", where before a task noun the adjective is the
 * schedule.
 */
export const FREQUENCIES: Core[] = [
  {
    pattern: String.raw`(?:${EVERY}(?:day|week|month|year|(?:morning|afternoon|evening|night)(?:\s+(?:and|&)\s+(?:morning|afternoon|evening|night))?)|once\s+(?:a|per|every)\s+(?:day|week|month|year)|(?:on\s+)?(?:a\s+)?(?:daily|weekly|monthly|yearly)\s+basis)(?:\s+on\s+(?:the\s+)?(?:${NTH_WEEKDAY}|${WEEKDAY_LIST}|${MONTH_DAY_LIST}(?:\s+day)?))?`,
    build: frequencyOf,
  },
  {
    pattern: String.raw`(?:daily|nightly|weekly|monthly|yearly|annual)(?=\s+(?:task|todo|to-do|reminder|chore|item)s?\b)`,
    build: (w) => frequencyOf(w.replace(/annual/i, "annually")),
  },
  {
    pattern: String.raw`(?:daily|nightly|weekly|monthly|yearly|annually)(?:\s+on\s+(?:the\s+)?(?:${NTH_WEEKDAY}|${WEEKDAY_LIST}|${MONTH_DAY_LIST}(?:\s+day)?)|${ADVERB_END})`,
    build: frequencyOf,
  },
];

const ON_DAYS = new RegExp(
  String.raw`\bon\s+(?:the\s+)?(?:${NTH_WEEKDAY}|${WEEKDAY_LIST}|${ORDINAL_DAYS}|last\s+day)\b`,
  "i",
);

/** The days a bare frequency takes from an "on …" clause elsewhere: "a monthly task to pay rent on the 1st". */
export function findOnClause(
  freq: Frequency,
  text: string,
): { parts: RuleParts; start: number; end: number } | undefined {
  const m = ON_DAYS.exec(text);
  if (!m) return undefined;
  const parts = onClause(freq, m[0]);
  return parts.byday || parts.bymonthday ? { parts, start: m.index, end: m.index + m[0].length } : undefined;
}
