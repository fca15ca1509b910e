import { byDayText } from "./rfc-constraints.ts";
import type { RuleParts } from "./parse-rrule.ts";
import { RuleError } from "./rule-problem.ts";

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// 2000-01-01 was a Saturday (MO = 0 … SU = 6).
const FIRST_WEEKDAY = 5;

/** True when some day in one whole Gregorian cycle (400 years, after which every date repeats with its weekday) passes every day filter. */
function someDayPasses(parts: RuleParts): boolean {
  const weekdays = parts.byday && new Set(parts.byday.map((d) => d.weekday));
  let weekday = FIRST_WEEKDAY;
  for (let year = 2000; year < 2400; year++) {
    const yearLength = isLeap(year) ? 366 : 365;
    let yearDay = 0;
    for (let month = 1; month <= 12; month++) {
      const monthLength = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!;
      const monthOk = !parts.bymonth || parts.bymonth.includes(month);
      for (let day = 1; day <= monthLength; day++, yearDay++, weekday = (weekday + 1) % 7) {
        if (!monthOk) continue;
        if (weekdays && !weekdays.has(weekday)) continue;
        if (
          parts.bymonthday &&
          !parts.bymonthday.includes(day) &&
          !parts.bymonthday.includes(day - monthLength - 1)
        )
          continue;
        if (
          parts.byyearday &&
          !parts.byyearday.includes(yearDay + 1) &&
          !parts.byyearday.includes(yearDay - yearLength)
        )
          continue;
        return true;
      }
    }
  }
  return false;
}

/**
 * Refuses a rule whose day filters (BYMONTH, BYMONTHDAY, BYYEARDAY, BYDAY) no date satisfies, such
 * as BYMONTH=2 with BYYEARDAY=300: `rrule` would look at every day (or hour, or minute) for the
 * whole scan and find nothing. Rules with BYWEEKNO or a numbered BYDAY are left to the scan.
 */
export function checkSomeDayPasses(parts: RuleParts): void {
  const filters = [parts.bymonth, parts.bymonthday, parts.byyearday, parts.byday].filter(
    (f) => f !== undefined,
  ).length;
  if (filters < 2 || parts.byweekno || parts.byday?.some((d) => d.n !== undefined)) return;
  if (someDayPasses(parts)) return;
  const named = [
    parts.bymonth && `BYMONTH=${parts.bymonth.join(",")}`,
    parts.bymonthday && `BYMONTHDAY=${parts.bymonthday.join(",")}`,
    parts.byyearday && `BYYEARDAY=${parts.byyearday.join(",")}`,
    parts.byday && `BYDAY=${byDayText(parts.byday)}`,
  ].filter(Boolean);
  throw new RuleError("rrule", `never produces an occurrence: no date has ${named.join(" and ")}`);
}
