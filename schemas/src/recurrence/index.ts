/**
 * The recurrence core every service uses: RFC 5545 RRULEs parsed, checked, expanded in an IANA
 * zone, and wall time mapped to instants. It answers with results (`RuleResult`), never with HTTP
 * errors: each service maps a refused rule to its own answer (a 400, a logged and acknowledged
 * event, a question back in the chat).
 * @example
 * const next = expandRule({ rrule: "FREQ=WEEKLY;BYDAY=FR", dtstart: "2026-12-04T14:00:00", timezone: "Europe/Berlin" }, { limit: 2 });
 * if (next.ok) next.value; // [2026-12-04T13:00:00Z, 2026-12-11T13:00:00Z]
 * else next.problem;       // { field: "rrule", message: "BYDAY has an unknown weekday 'XX' …" }
 */
import { compileRule, type CompiledRule, type RecurrenceRule } from "./compile-rule.ts";
import { expandCompiled, type ExpandOptions } from "./expand-occurrences.ts";
import { resultOf, type RuleResult } from "./rule-problem.ts";
import { parseRrule, type RuleParts } from "./parse-rrule.ts";
import { checkTimeZone } from "./wall-time.ts";

export type { CompiledRule, RecurrenceRule } from "./compile-rule.ts";
export type { ExpandOptions } from "./expand-occurrences.ts";
export type { RuleField, RuleProblem, RuleResult } from "./rule-problem.ts";
export {
  FREQUENCIES,
  WEEKDAYS,
  MAX_COUNT,
  MAX_INTERVAL,
  formatRrule,
  type ByDay,
  type Frequency,
  type RuleParts,
  type UntilText,
} from "./parse-rrule.ts";
export { DAY_NAMES, describeRule, formatTimeOfDay, MONTH_NAMES, ordinal } from "./describe-rule.ts";
export { instantOf, wallTimeOf } from "./wall-time.ts";
export { SCAN_YEARS } from "./scan-plan.ts";

/**
 * The parts of one RRULE line, each checked on its own (`RRULE:` prefix optional, any case);
 * combinations are checked by `checkRule`.
 */
export function parseRule(text: string): RuleResult<RuleParts> {
  return resultOf(() => parseRrule(text));
}

/** Parses and checks a rule (RFC 5545 §3.3.10 and more) and makes it ready to expand. */
export function checkRule(rule: RecurrenceRule): RuleResult<CompiledRule> {
  return resultOf(() => compileRule(rule));
}

/**
 * The occurrences of a rule (or of a rule already checked) as instants, earliest first; see
 * expand-occurrences.ts. A COUNT series that cannot be listed in full is refused, never cut short.
 */
export function expandRule(rule: RecurrenceRule | CompiledRule, opts: ExpandOptions): RuleResult<Date[]> {
  return resultOf(() => expandCompiled("options" in rule ? rule : compileRule(rule), opts));
}

/** The first occurrence strictly after `instant`, or null when the series has ended. */
export function nextOccurrenceAfter(
  rule: RecurrenceRule | CompiledRule,
  instant: Date,
): RuleResult<Date | null> {
  const next = expandRule(rule, { after: instant, limit: 1 });
  return next.ok ? { ok: true, value: next.value[0] ?? null } : next;
}

/** The canonical name of an IANA zone (`Europe/Berlin`), or the reason it is not one. */
export function checkZone(zone: string): RuleResult<string> {
  return resultOf(() => checkTimeZone(zone));
}
