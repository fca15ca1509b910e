import { FREQUENCIES } from "./patterns/frequencies.ts";
import { INTERVALS } from "./patterns/intervals.ts";
import { MONTH_DAYS } from "./patterns/month-days.ts";
import { MONTH_WEEKDAY_POSITIONS } from "./patterns/month-weekday-positions.ts";
import type { Core, RuleParts } from "./patterns/rule-parts.ts";
import { WEEKDAYS } from "./patterns/weekdays.ts";
import { WORKDAYS_AND_WEEKENDS } from "./patterns/workdays-and-weekends.ts";
import { YEARLY_DATES } from "./patterns/yearly-dates.ts";

export type { Frequency, RuleParts } from "./patterns/rule-parts.ts";
export { findOnClause } from "./patterns/frequencies.ts";

/**
 * The schedule core of a message ("every Monday", "monthly on the 1st", "the last Friday of the
 * month", "every other week on Tuesday"): one file per family under `patterns/`, like chrono's
 * one parser per file. The time of day and the bounds ("starting …", "until …", "10 times") are
 * read separately.
 *
 * The leftmost, then longest, match wins; the order below only settles a tie (same words), so the
 * most specific families come first: a month position ("every last Friday") before a plain
 * weekday, a day of the month before an interval, and bare frequencies ("weekly") last, since
 * they are the words most often part of a title.
 */
export const CORES: Core[] = [
  ...MONTH_WEEKDAY_POSITIONS,
  ...MONTH_DAYS,
  ...YEARLY_DATES,
  ...INTERVALS,
  ...WORKDAYS_AND_WEEKENDS,
  ...WEEKDAYS,
  ...FREQUENCIES,
];

export type CoreMatch = { parts: RuleParts; start: number; end: number };

// Compiled once: findCore runs on most messages, and these are the largest patterns of the grammar.
const CORE_PATTERNS = CORES.map((core) => ({
  core,
  pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${core.pattern})(?![\p{L}\p{N}])`, "giu"),
}));

/** The leftmost, then longest, schedule core in `text`. */
export function findCore(text: string): CoreMatch | undefined {
  let best: CoreMatch | undefined;
  for (const { core, pattern } of CORE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const parts = core.build(m[0]);
      if (!parts) continue;
      const candidate = { parts, start: m.index, end: m.index + m[0].length };
      const better =
        !best || candidate.start < best.start || (candidate.start === best.start && candidate.end > best.end);
      if (better) best = candidate;
      break;
    }
  }
  return best;
}
