import { Temporal } from "temporal-polyfill";
import { Validation } from "@todo/service-kit";
import {
  checkRule,
  checkZone,
  describeRule,
  formatRrule,
  instantOf,
  nextOccurrenceAfter,
  parseRule,
  wallTimeOf,
  type RecurrenceRule,
  type RuleParts,
  type RuleProblem,
} from "@todo/schemas/recurrence";
import { localDateOf } from "../time/zoned.ts";
import { dateOnlyProblem, taskFrequencyOf, type FrequencyName } from "./task-schedule-policy.ts";
import { parseInstant } from "../time/instant.ts";

export interface RecurrenceInput {
  rrule: string;
  dtstart?: string;
  timezone?: string;
  count?: number;
  until?: string;
}

/** A validated series rule, ready to store, with its first occurrence. */
export interface NormalizedRecurrence {
  rrule: string;
  /** `2026-12-04T14:00:00`, or `2026-12-04` for a date-only series */
  dtstart: string;
  timezone: string;
  count: number | null;
  until: Date | null;
  text: string;
  frequency: FrequencyName;
  /** no time of day: instances carry a due date only */
  dateOnly: boolean;
  /** the first occurrence's instant (local midnight for a date-only series) */
  firstOccurrence: Date;
}

const DEFAULT_TIME = { hour: 9, minute: 0 };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A problem from the recurrence core, as the 400 this API answers: fields live under `recurrence.`. */
const refused = (problem: RuleProblem) => new Validation(`recurrence.${problem.field}`, problem.message);

function problemOf(rule: RecurrenceRule): RuleProblem | undefined {
  const checked = checkRule(rule);
  return checked.ok ? undefined : checked.problem;
}

function parseDtstart(text: string): Temporal.PlainDateTime {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(text)) {
    throw new Validation(
      "recurrence.dtstart",
      "must be a local wall time like 2026-12-04T14:00:00 or a date like 2026-12-04 (no offset)",
    );
  }
  try {
    return Temporal.PlainDateTime.from(text, { overflow: "reject" });
  } catch {
    throw new Validation("recurrence.dtstart", "is not a real date and time");
  }
}

// Today at the time of day, or tomorrow when that has passed, so that COUNT counts from now on.
function defaultDtstart(now: Date, timezone: string, hour: number, minute: number): Temporal.PlainDateTime {
  const today = wallTimeOf(now, timezone).toPlainDate().toPlainDateTime({ hour, minute });
  return instantOf(today, timezone) >= now ? today : today.add({ days: 1 });
}

/**
 * The rule with its time of day written in, so every occurrence keeps it whatever dtstart says:
 * BYHOUR/BYMINUTE, else dtstart's, else 9 AM. A dtstart's seconds count only when the rule names
 * no hour or minute of its own (RFC 5545 takes them from DTSTART): "14:44:45" daily first fires
 * today at 14:44:45, not tomorrow.
 */
function pinTimeOfDay(parts: RuleParts, given: Temporal.PlainDateTime | undefined): RuleParts {
  const hour = parts.byhour?.[0] ?? given?.hour ?? DEFAULT_TIME.hour;
  const minute = parts.byminute?.[0] ?? (parts.byhour ? 0 : (given?.minute ?? DEFAULT_TIME.minute));
  const second = parts.bysecond?.[0] ?? (parts.byhour || parts.byminute ? 0 : (given?.second ?? 0));
  return {
    ...parts,
    byhour: parts.byhour ?? [hour],
    byminute: parts.byminute ?? [minute],
    bysecond: parts.bysecond ?? [second],
  };
}

function parseUntil(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  return parseInstant("recurrence.until", text, "must be an ISO 8601 instant");
}

/**
 * Checks a recurrence request with the recurrence core and fills in what it leaves out: the zone
 * defaults to the user's, the time of day is written into the rule (see pinTimeOfDay), dtstart
 * defaults to today at that time in the zone. A dtstart without a time (`2026-12-04`) makes a
 * date-only series. Throws Validation naming the field when anything is wrong.
 */
export function normalizeRecurrence(
  input: RecurrenceInput,
  userZone: string,
  now: Date,
): NormalizedRecurrence {
  const parsed = parseRule(input.rrule);
  if (!parsed.ok) throw refused(parsed.problem);
  const zone = checkZone(input.timezone ?? userZone);
  // The core checks the rule before the zone; asking it keeps the preview's order of reasons.
  if (!zone.ok)
    throw refused(
      problemOf({
        rrule: input.rrule,
        dtstart: input.dtstart ?? "2000-01-01",
        timezone: input.timezone ?? userZone,
      }) ?? zone.problem,
    );
  const timezone = zone.value;
  const dateOnly = input.dtstart !== undefined && DATE_ONLY.test(input.dtstart);
  const dtstartGiven = input.dtstart === undefined ? undefined : parseDtstart(input.dtstart);
  const pinned = dateOnly ? parsed.value : pinTimeOfDay(parsed.value, dtstartGiven);
  const time = dateOnly ? null : { hour: pinned.byhour![0]!, minute: pinned.byminute![0]! };
  const dtstart = dtstartGiven ?? defaultDtstart(now, timezone, time!.hour, time!.minute);
  const dtstartText = dateOnly
    ? dtstart.toPlainDate().toString()
    : dtstart.toString({ smallestUnit: "second" });
  const until = parseUntil(input.until);
  // The rule as given is judged first, exactly as the preview judges it: writing the time of day
  // in must not make a rule acceptable (BYSETPOS needs a BY part of the user's own).
  const asGiven = problemOf({
    rrule: input.rrule,
    dtstart: dtstartText,
    timezone,
    count: input.count,
    until,
  });
  if (asGiven) throw refused(asGiven);
  const policy = taskFrequencyOf(parsed.value);
  if ("refused" in policy) throw new Validation("recurrence.rrule", policy.refused);
  const dateOnlyRefusal = dateOnly ? dateOnlyProblem(parsed.value) : undefined;
  if (dateOnlyRefusal) throw new Validation("recurrence.rrule", dateOnlyRefusal);
  const checked = checkRule({
    rrule: formatRrule(pinned),
    dtstart: dtstartText,
    timezone,
    count: input.count,
    until,
  });
  if (!checked.ok) throw refused(checked.problem);
  // A date-only occurrence is its local day: one that began before now is still today's.
  const since = dateOnly
    ? instantOf(wallTimeOf(now, timezone).toPlainDate().toPlainDateTime(), timezone)
    : now;
  const first = nextOccurrenceAfter(checked.value, new Date(since.getTime() - 1));
  if (!first.ok) throw refused(first.problem);
  if (!first.value) throw new Validation("recurrence", "has no occurrence in the future");
  const { count, until: end } = checked.value;
  // "until 31 December" is the user's last day, so it is said as their local date, not UTC's.
  const untilText = end ? localDateOf(end, timezone) : undefined;
  return {
    rrule: formatRrule({ ...pinned, count: undefined, until: undefined }),
    dtstart: dtstartText,
    timezone,
    count: count ?? null,
    until: end ?? null,
    text: describeRule(pinned, time, { count, until: untilText }),
    frequency: policy.frequency,
    dateOnly,
    firstOccurrence: first.value,
  };
}
