import { RRule } from "rrule";
import { Temporal } from "temporal-polyfill";
import { compileRule, type CompiledRule, type RecurrenceRule } from "./compile-rule.ts";
import { RuleError } from "./rule-problem.ts";
import { pickFromStep, stepKey, stepStart } from "./set-positions.ts";
import type { TimeFilter } from "./sub-daily.ts";
import { planScan, SCAN_YEARS, shiftYears, type ScanPlan } from "./scan-plan.ts";
import { fromFloating, instantOf, toFloating } from "./wall-time.ts";

export interface ExpandOptions {
  /** only occurrences strictly after this instant */
  after?: Date;
  /** only occurrences at or before this instant */
  until?: Date;
  /** at most this many, the earliest first */
  limit: number;
}

// A wall time and the instant it names in any zone are less than a day apart (offsets stay
// within about ±15 h, even historically); two days is a safe margin in floating time.
const MARGIN_MS = 2 * 24 * 3600 * 1000;

function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

function offsetChangesNear(instant: Date, zone: string): boolean {
  const since = Temporal.Instant.fromEpochMilliseconds(instant.getTime() - MARGIN_MS).toZonedDateTimeISO(
    zone,
  );
  const next = since.getTimeZoneTransition("next");
  return next !== null && next.epochMilliseconds <= instant.getTime() + MARGIN_MS;
}

const keptByFilter = (floating: Date, filter: TimeFilter) =>
  (!filter.byhour || filter.byhour.includes(floating.getUTCHours())) &&
  (!filter.byminute || filter.byminute.includes(floating.getUTCMinutes()));

// A COUNT series is counted from DTSTART; if its scan ends before COUNT is used up while more was
// wanted, listing what was found would cut the series short without a word.
function refuseUnfinishedCount(rule: CompiledRule, yielded: number, plan: ScanPlan): never {
  const last = new Date(plan.stopAt).getUTCFullYear() - 1;
  throw new RuleError(
    "rrule",
    `COUNT=${rule.count}: the series is not complete within ${SCAN_YEARS} years of dtstart (${yielded} occurrence${yielded === 1 ? "" : "s"} up to ${last}); use a smaller COUNT or an UNTIL`,
  );
}

export function expandCompiled(rule: CompiledRule, opts: ExpandOptions): Date[] {
  if (opts.limit < 1) return [];
  const end = earliest(rule.until, opts.until);
  const after = opts.after?.getTime() ?? -Infinity;
  const from = opts.after ? after - MARGIN_MS : null;
  const setPos = rule.setPositions;
  // Positions are picked from whole steps, so `rrule` starts at the start of dtstart's step.
  const scanStart = setPos ? stepStart(rule.dtstart, rule.freq, setPos.wkst) : rule.dtstart;
  const dtstartMs = toFloating(rule.dtstart).getTime();
  const scanned = {
    dtstart: scanStart,
    freq: rule.freq,
    interval: rule.interval,
    counted: rule.count !== undefined,
  };
  const plan = planScan(scanned, from, end ? end.getTime() + MARGIN_MS : null);
  // With a time filter or positions picked here, `rrule` lists times the rule does not keep, so COUNT is counted here.
  const filter = rule.timeFilter;
  const rrule = new RRule(
    { ...rule.options, dtstart: plan.dtstart, count: filter || setPos ? null : (rule.count ?? null) },
    true,
  );
  // Keyed by time: a time in a spring-forward gap moves onto the next hour, which an HOURLY or
  // MINUTELY rule may produce as well; RFC 5545 counts such an instant once.
  const found = new Map<number, Date>();
  let stopAt = plan.stopAt;
  let yielded = 0;
  let stoppedByWindow = false;
  // Each listed time in order; false stops the scan.
  const take = (floating: Date): boolean => {
    if (floating.getTime() > stopAt) {
      stoppedByWindow = stopAt !== plan.stopAt || !plan.stopsAtHorizon;
      return false;
    }
    if (filter && !keptByFilter(floating, filter)) return true;
    if (rule.count !== undefined && yielded === rule.count) return false;
    yielded++;
    if (from !== null && floating.getTime() < from) return true;
    const instant = instantOf(fromFloating(floating), rule.timezone);
    if (instant.getTime() <= after || (end && instant > end) || found.has(instant.getTime())) return true;
    found.set(instant.getTime(), instant);
    // Instants are not always in wall-time order: a time in a spring-forward gap moves forward
    // past the next ones. Anything that could still sort earlier is within the margin, and only
    // near a change of the zone's offset (else a SECONDLY rule would list two more days).
    if (found.size === opts.limit)
      stopAt = Math.min(
        stopAt,
        floating.getTime() + (offsetChangesNear(instant, rule.timezone) ? MARGIN_MS : 0),
      );
    return true;
  };
  // One step's times, held until the next step begins; then its positions are picked.
  let step: Date[] = [];
  let stepId: number | undefined;
  let scanning = true;
  const takeStep = () => {
    const picked = pickFromStep(step, setPos!.positions).filter((t) => t.getTime() >= dtstartMs);
    step = [];
    return picked.every(take);
  };
  rrule.all((shifted) => {
    const floating = shiftYears(shifted, -plan.relabel);
    if (!setPos) return take(floating);
    const id = stepKey(floating, rule.freq, setPos.wkst);
    if (step.length > 0 && id !== stepId && !takeStep()) return (scanning = false);
    // A step that begins past the window ends the scan, even when no earlier step picked anything.
    if (id !== stepId && floating.getTime() > stopAt) return (scanning = take(floating));
    stepId = id;
    step.push(floating);
    return true;
  });
  // `rrule` ran out (the last year it can list): the step it ended in is whole.
  if (setPos && scanning && step.length > 0) takeStep();
  const countLeft = rule.count !== undefined && yielded < rule.count;
  if (countLeft && !stoppedByWindow && found.size < opts.limit) refuseUnfinishedCount(rule, yielded, plan);
  return [...found.values()].sort((a, b) => a.getTime() - b.getTime()).slice(0, opts.limit);
}

/**
 * The occurrences of a rule as instants, earliest first. Each occurrence is computed in the
 * rule's local wall time (RFC 5545 in floating time), then placed in its zone, so "every Friday
 * at 2 PM" stays 14:00 local through DST changes. Times in a spring-forward gap move forward by
 * the gap; ambiguous fall-back times take the earlier instant; invalid dates (February 30) are
 * skipped. DTSTART is an occurrence only when it matches the rule (see rfc5545.unit.test.ts).
 * A rule without COUNT is looked at up to 400 years past `after` (or dtstart); a rule with COUNT
 * is counted from dtstart and refused (RuleError) when it is not complete within 400 years, so no
 * series is ever listed in part (see scan-plan.ts).
 * Throws RuleError when the rule, dtstart or zone is invalid.
 * @example
 * expandOccurrences({ rrule: "FREQ=WEEKLY;BYDAY=FR", dtstart: "2026-12-04T14:00:00", timezone: "Europe/Berlin" }, { limit: 2 })
 * // [2026-12-04T13:00:00Z, 2026-12-11T13:00:00Z]
 */
export function expandOccurrences(rule: RecurrenceRule, opts: ExpandOptions): Date[] {
  return expandCompiled(compileRule(rule), opts);
}

/**
 * The first occurrence strictly after `instant`, or null when the series has ended: the time to
 * schedule the next fire for, given the one that just fired.
 */
export function nextOccurrenceAfter(rule: RecurrenceRule, instant: Date): Date | null {
  return expandOccurrences(rule, { after: instant, limit: 1 })[0] ?? null;
}
