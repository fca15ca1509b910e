import type { TaskFrequency } from "@todo/schemas";
import type { Frequency, RuleParts } from "@todo/schemas/recurrence";

/** The frequencies a task may repeat at, as API.md's `recurrence.frequency` names them. */
export type FrequencyName = TaskFrequency;

const TASK_FREQUENCIES: Partial<Record<Frequency, FrequencyName>> = {
  DAILY: "daily",
  WEEKLY: "weekly",
  MONTHLY: "monthly",
  YEARLY: "yearly",
};

/**
 * The one place where the product narrows what the recurrence core accepts: a task repeats at
 * most daily. The core expands HOURLY, MINUTELY and SECONDLY rules (the preview lists them), but
 * every occurrence of a task's series becomes a task of its own, so an hourly series would fill a
 * person's list with 24 tasks a day. Several times a day is still possible with DAILY and BYHOUR.
 * Returns the reason a rule is refused, or the task frequency it has.
 */
export function taskFrequencyOf(parts: RuleParts): { frequency: FrequencyName } | { refused: string } {
  const frequency = TASK_FREQUENCIES[parts.freq];
  if (frequency) return { frequency };
  return {
    refused: `FREQ=${parts.freq} repeats more often than a task can: use DAILY, WEEKLY, MONTHLY or YEARLY (FREQ=DAILY;BYHOUR=9,17 for several times a day)`,
  };
}

/**
 * A date-only (all-day) series has no time of day, so a rule that picks hours, minutes or
 * seconds contradicts it; RFC 5545 leaves that case undefined, so it is refused with the reason.
 */
export function dateOnlyProblem(parts: RuleParts): string | undefined {
  const timed = (["byhour", "byminute", "bysecond"] as const).filter((p) => parts[p] !== undefined);
  if (timed.length === 0) return undefined;
  return `${timed.map((p) => p.toUpperCase()).join(" and ")} picks a time of day, which a date-only series (dtstart YYYY-MM-DD) has not; give dtstart a time or drop ${timed.length > 1 ? "them" : "it"}`;
}
