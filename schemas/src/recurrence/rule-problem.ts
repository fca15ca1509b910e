/** Which input a problem is about: the request field a service names when it refuses the rule. */
export type RuleField = "rrule" | "dtstart" | "timezone" | "count" | "until";

/** Why a rule was refused, in words a person can act on: `rrule: BYDAY has an unknown weekday 'XX'`. */
export interface RuleProblem {
  field: RuleField;
  message: string;
}

/** What the recurrence core answers: a value, or the problem that stopped it. Never an HTTP error. */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; problem: RuleProblem };

/**
 * Thrown inside the core only, where a check deep in a parser must stop everything at once; the
 * public functions catch it and return it as a `RuleResult` (see index.ts).
 */
export class RuleError extends Error {
  constructor(
    readonly field: RuleField,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Runs `work`, turning a RuleError into a refused result; any other error is a bug and goes on up. */
export function resultOf<T>(work: () => T): RuleResult<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof RuleError)
      return { ok: false, problem: { field: error.field, message: error.reason } };
    throw error;
  }
}
