import { Temporal } from "temporal-polyfill";
import { Validation } from "@todo/outbox/runtime";
import { instantOf, isValidTimeZone, localDateOf, wallTimeOf } from "../time/zoned.ts";
import { describeRecurrence } from "./describe-recurrence.ts";
import { nextOccurrence } from "./next-occurrence.ts";
import { formatRrule, parseRrule, type FrequencyName } from "./parse-rrule.ts";

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
  dtstart: string;
  timezone: string;
  count: number | null;
  until: Date | null;
  text: string;
  frequency: FrequencyName;
  firstOccurrence: Date;
}

const DEFAULT_TIME = { hour: 9, minute: 0 };

function first(value: number | number[] | null | undefined): number | undefined {
  return Array.isArray(value) ? value[0] : (value ?? undefined);
}

function parseDtstart(text: string): Temporal.PlainDateTime {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(text)) {
    throw new Validation("recurrence.dtstart", "must be a local wall time like 2026-12-04T14:00:00 (no offset)");
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
 * Checks a recurrence request and fills in what it leaves out: the zone defaults to the user's,
 * the time of day comes from BYHOUR/BYMINUTE, else dtstart, else 9 AM; dtstart defaults to today
 * at that time in the zone. Throws Validation naming the field when anything is wrong.
 */
export function normalizeRecurrence(input: RecurrenceInput, userZone: string, now: Date): NormalizedRecurrence {
  const timezone = input.timezone ?? userZone;
  if (!isValidTimeZone(timezone)) throw new Validation("recurrence.timezone", `unknown time zone '${timezone}'`);
  const parsed = parseRrule(input.rrule);
  if (input.count !== undefined && (parsed.count !== undefined || parsed.until !== undefined || input.until !== undefined)) {
    throw new Validation("recurrence.count", "cannot be combined with UNTIL or a COUNT in the rule");
  }
  const count = input.count ?? parsed.count ?? null;
  let until: Date | null = parsed.until ?? null;
  if (input.until !== undefined) {
    until = new Date(input.until);
    if (Number.isNaN(until.getTime())) throw new Validation("recurrence.until", "must be an ISO 8601 instant");
  }
  const dtstartGiven = input.dtstart ? parseDtstart(input.dtstart) : undefined;
  const hour = first(parsed.options.byhour) ?? dtstartGiven?.hour ?? DEFAULT_TIME.hour;
  const minute = first(parsed.options.byminute) ?? (first(parsed.options.byhour) !== undefined ? 0 : (dtstartGiven?.minute ?? DEFAULT_TIME.minute));
  // Pin the time of day into the rule so that every occurrence keeps it, whatever dtstart says.
  // A dtstart's seconds count only when the rule names no hour or minute of its own (RFC 5545
  // takes them from DTSTART): "14:44:45" daily first fires today at 14:44:45, not tomorrow.
  const ruleSetsTime = first(parsed.options.byhour) !== undefined || first(parsed.options.byminute) !== undefined;
  const second = first(parsed.options.bysecond) ?? (ruleSetsTime ? 0 : (dtstartGiven?.second ?? 0));
  const options = { ...parsed.options, byhour: parsed.options.byhour ?? hour, byminute: parsed.options.byminute ?? minute, bysecond: parsed.options.bysecond ?? second };
  const dtstart = dtstartGiven ?? defaultDtstart(now, timezone, hour, minute);
  const rule = { options, dtstart, timezone, count: count ?? undefined, until: until ?? undefined };
  const firstOccurrence = nextOccurrence(rule, now);
  if (!firstOccurrence) throw new Validation("recurrence", "has no occurrence in the future");
  // "until 31 December" is the user's last day, so it is said as their local date, not UTC's.
  const untilText = until ? localDateOf(until, timezone) : undefined;
  return {
    rrule: formatRrule(options),
    dtstart: dtstart.toString({ smallestUnit: "second" }),
    timezone,
    count,
    until,
    text: describeRecurrence(parsed.frequency, options, { hour, minute }, { count: count ?? undefined, until: untilText }),
    frequency: parsed.frequency,
    firstOccurrence,
  };
}
