import { RuleError } from "./rule-problem.ts";
import { WEEKDAYS, type ByDay, type RuleParts } from "./parse-rrule.ts";

function fail(message: string): never {
  throw new RuleError("rrule", message);
}

export const byDayText = (days: ByDay[]) => days.map((d) => `${d.n ?? ""}${WEEKDAYS[d.weekday]}`).join(",");

/**
 * The combinations RFC 5545 (section 3.3.10) forbids. The `rrule` package accepts each of them
 * and quietly does something else, so they are refused here with the rule that was broken.
 */
export function checkRfcConstraints(parts: RuleParts): void {
  const { freq } = parts;
  if (parts.count !== undefined && parts.until !== undefined)
    fail("COUNT and UNTIL cannot both be given; a series ends one way or the other");
  const positioned = parts.byday?.filter((d) => d.n !== undefined) ?? [];
  if (positioned.length > 0 && freq !== "MONTHLY" && freq !== "YEARLY") {
    fail(
      `BYDAY=${byDayText(positioned)}: a position such as 1MO or -1FR only works with FREQ=MONTHLY or FREQ=YEARLY`,
    );
  }
  if (positioned.length > 0 && parts.byweekno)
    fail(`BYDAY=${byDayText(positioned)}: a position cannot be combined with BYWEEKNO`);
  if (parts.bymonthday && freq === "WEEKLY") fail("BYMONTHDAY cannot be used with FREQ=WEEKLY");
  if (parts.byyearday && (freq === "DAILY" || freq === "WEEKLY" || freq === "MONTHLY"))
    fail(`BYYEARDAY cannot be used with FREQ=${freq}`);
  if (parts.byweekno && freq !== "YEARLY") fail("BYWEEKNO only works with FREQ=YEARLY");
  const picksFrom = [
    parts.bysecond,
    parts.byminute,
    parts.byhour,
    parts.byday,
    parts.bymonthday,
    parts.byyearday,
    parts.byweekno,
    parts.bymonth,
  ];
  if (parts.bysetpos && picksFrom.every((list) => list === undefined))
    fail("BYSETPOS needs another BY part (such as BYDAY) to pick from");
}
