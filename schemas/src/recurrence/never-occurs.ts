import type { Temporal } from "temporal-polyfill";
import { RuleError } from "./rule-problem.ts";
import { WEEKDAYS, type RuleParts } from "./parse-rrule.ts";
import { checkSomeDayPasses } from "./day-filters.ts";
import { byDayText } from "./rfc-constraints.ts";

// The longest each month can be (February in a leap year).
const MONTH_LENGTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function fail(message: string): never {
  throw new RuleError("rrule", `never produces an occurrence: ${message}`);
}

export const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The months a rule can land in: BYMONTH, and for MONTHLY only those its INTERVAL steps reach. */
function monthsVisited(parts: RuleParts, dtstart: Temporal.PlainDateTime): number[] {
  let months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (parts.freq === "MONTHLY") {
    const step = gcd(parts.interval, 12);
    months = months.filter((m) => mod(m - dtstart.month, step) === 0);
  }
  return parts.bymonth ? months.filter((m) => parts.bymonth!.includes(m)) : months;
}

/**
 * Refuses rules that can never produce an occurrence, such as February 30 or "every 7 days from
 * a Tuesday, on Mondays". The `rrule` package would search for one until the year 9999 (seconds
 * of CPU per request) or, for sub-daily steps, forever; see sub-daily.ts for those.
 */
export function checkRuleCanOccur(parts: RuleParts, dtstart: Temporal.PlainDateTime): void {
  const inMonth = parts.freq === "MONTHLY" || (parts.freq === "YEARLY" && parts.bymonth !== undefined);
  const tooFar = inMonth ? (parts.byday ?? []).filter((d) => Math.abs(d.n ?? 0) > 5) : [];
  if (tooFar.length > 0) fail(`BYDAY=${byDayText(tooFar)}: a month has at most 5 of each weekday`);

  const months = monthsVisited(parts, dtstart);
  if (months.length === 0) {
    fail(
      `BYMONTH=${parts.bymonth!.join(",")} is never reached by FREQ=MONTHLY;INTERVAL=${parts.interval} from a dtstart in month ${dtstart.month}`,
    );
  }
  const days = parts.bymonthday;
  if (days && !months.some((m) => days.some((d) => Math.abs(d) <= MONTH_LENGTH[m - 1]!))) {
    fail(
      `BYMONTHDAY=${days.join(",")} does not exist in month${months.length > 1 ? "s" : ""} ${months.join(",")}`,
    );
  }

  if (parts.freq === "DAILY" && parts.byday) {
    const start = dtstart.dayOfWeek - 1;
    const step = gcd(parts.interval, 7);
    const reached = WEEKDAYS.filter((_, w) => mod(w - start, step) === 0);
    if (!parts.byday.some((d) => mod(d.weekday - start, step) === 0)) {
      fail(
        `every ${parts.interval} days from a ${WEEKDAYS[start]} dtstart only lands on ${reached.join(",")}, never on BYDAY=${byDayText(parts.byday)}`,
      );
    }
  }
  // Last: the checks above name the problem more precisely when they find it.
  checkSomeDayPasses(parts);
}
