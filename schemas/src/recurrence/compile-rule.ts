import { Frequency, Weekday, type Options } from "rrule";
import type { Temporal } from "temporal-polyfill";
import { RuleError } from "./rule-problem.ts";
import { withDtstartDefaults } from "./dtstart-defaults.ts";
import { checkRuleCanOccur } from "./never-occurs.ts";
import {
  MAX_COUNT,
  parseRrule,
  type Frequency as FrequencyName,
  type RuleParts,
  type UntilText,
} from "./parse-rrule.ts";
import { checkRfcConstraints } from "./rfc-constraints.ts";
import { ownSetPositions, type SetPositions } from "./set-positions.ts";
import { prepareSubDaily, type TimeFilter } from "./sub-daily.ts";
import { checkTimeZone, instantOf, parseWallTime } from "./wall-time.ts";

/** A recurrence as the product stores it: the RRULE, where it starts, and the user's zone. */
export interface RecurrenceRule {
  /** RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=FR` (the `RRULE:` prefix is optional) */
  rrule: string;
  /** local wall time of the series start, e.g. `2026-12-04T14:00:00`; it sets the time of day */
  dtstart: string;
  /** IANA zone the wall times are in, e.g. `Europe/Berlin` */
  timezone: string;
  /** ends the series after this many occurrences (instead of COUNT in the rule) */
  count?: number;
  /** ends the series at this instant, inclusive (instead of UNTIL in the rule) */
  until?: Date;
}

/** A checked rule, ready for `rrule` in floating time; see expand-occurrences.ts. */
export interface CompiledRule {
  options: Partial<Options>;
  freq: FrequencyName;
  interval: number;
  dtstart: Temporal.PlainDateTime;
  timezone: string;
  count?: number;
  until?: Date;
  /** hours and minutes a MINUTELY or SECONDLY rule keeps, checked on each time `rrule` lists (see sub-daily.ts) */
  timeFilter?: TimeFilter;
  /** BYSETPOS picked in expand-occurrences.ts instead of by `rrule` (see set-positions.ts) */
  setPositions?: SetPositions;
}

/**
 * UNTIL is an instant when it ends in Z (RFC 5545 requires that whenever DTSTART has a zone).
 * The other forms are accepted as what a person means by them: a floating time is a wall time in
 * the rule's zone, and a bare date includes that whole local day.
 */
function untilInstant(until: UntilText, zone: string): Date {
  if (until.kind === "utc") return new Date(until.wall.toZonedDateTime("UTC").epochMilliseconds);
  if (until.kind === "floating") return instantOf(until.wall, zone);
  return new Date(instantOf(until.date.add({ days: 1 }).toPlainDateTime(), zone).getTime() - 1);
}

// `rrule` builds each step's times from BYHOUR × BYMINUTE × BYSECOND in the order written, so
// "BYHOUR=23,20" would list 23:00 before 20:00 (and BYSETPOS would pick the wrong one); RFC 5545
// sets are unordered, so every list is handed over sorted and without repeats.
const sorted = (list: number[] | undefined) => (list ? [...new Set(list)].sort((a, b) => a - b) : null);

function toRruleOptions(parts: RuleParts): Partial<Options> {
  return {
    freq: Frequency[parts.freq],
    interval: parts.interval,
    wkst: parts.wkst ?? 0, // Monday, RFC 5545's default
    byweekday: parts.byday?.map((d) => new Weekday(d.weekday, d.n)) ?? null,
    bymonth: sorted(parts.bymonth),
    bymonthday: sorted(parts.bymonthday),
    byyearday: sorted(parts.byyearday),
    byweekno: sorted(parts.byweekno),
    bysetpos: sorted(parts.bysetpos),
    byhour: sorted(parts.byhour),
    byminute: sorted(parts.byminute),
    bysecond: sorted(parts.bysecond),
  };
}

function checkEnds(rule: RecurrenceRule, parts: RuleParts): void {
  if (
    rule.count !== undefined &&
    (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > MAX_COUNT)
  ) {
    throw new RuleError("count", `must be a whole number from 1 to ${MAX_COUNT}`);
  }
  if (rule.until !== undefined && Number.isNaN(rule.until.getTime()))
    throw new RuleError("until", "is not a valid instant");
  if (rule.count !== undefined && parts.count !== undefined)
    throw new RuleError("count", "is given twice: as count and as COUNT in the rrule");
  if (rule.until !== undefined && parts.until !== undefined)
    throw new RuleError("until", "is given twice: as until and as UNTIL in the rrule");
  const hasCount = rule.count !== undefined || parts.count !== undefined;
  const hasUntil = rule.until !== undefined || parts.until !== undefined;
  if (hasCount && hasUntil)
    throw new RuleError("rrule", "COUNT and UNTIL cannot both be given; a series ends one way or the other");
}

/**
 * Checks a rule and makes it ready to expand; throws RuleError naming the field and the problem
 * (`rrule: BYDAY has an unknown weekday 'XX' …`, `timezone: unknown time zone 'Mars/Base'`).
 * @example compileRule({ rrule: "FREQ=WEEKLY;BYDAY=FR", dtstart: "2026-12-04T14:00:00", timezone: "Europe/Berlin" })
 */
export function compileRule(rule: RecurrenceRule): CompiledRule {
  const parts = parseRrule(rule.rrule);
  checkRfcConstraints(parts);
  const timezone = checkTimeZone(rule.timezone);
  const dtstart = parseWallTime(rule.dtstart, "dtstart");
  checkEnds(rule, parts);
  checkRuleCanOccur(parts, dtstart);
  const { parts: subDaily, timeFilter } = prepareSubDaily(parts, dtstart);
  const ready = withDtstartDefaults(subDaily, dtstart);
  const setPositions = ownSetPositions(ready.freq, ready.bysetpos, ready.wkst ?? 0);
  const options = toRruleOptions(ready);
  return {
    options: setPositions ? { ...options, bysetpos: null } : options,
    timeFilter,
    ...(setPositions ? { setPositions } : {}),
    freq: ready.freq,
    interval: ready.interval,
    dtstart,
    timezone,
    count: rule.count ?? parts.count,
    until: rule.until ?? (parts.until && untilInstant(parts.until, timezone)),
  };
}
