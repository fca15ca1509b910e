import type { RecurrenceRule as EventRule, ReminderEvent, TaskEvent } from "@todo/schemas";
import { nextOccurrenceAfter, type RuleProblem } from "@todo/schemas/recurrence";
import type { JobRow, SeriesRow } from "../db/schema.ts";
import { occurrenceJobId, reminderJobId } from "./job-ids.ts";

/** A job as the planner wants it; the store adds whether Dapr has heard of it and when it fired. */
export type PlannedJob = Omit<JobRow, "synced" | "firedAt">;

/** The rule of a stored series, as the recurrence core reads it. */
export const ruleOf = (s: Pick<SeriesRow, "rrule" | "dtstart" | "timezone" | "count" | "until">) => ({
  rrule: s.rrule,
  dtstart: s.dtstart,
  timezone: s.timezone,
  count: s.count ?? undefined,
  until: s.until ?? undefined,
});

const sameRule = (a: SeriesRow, b: EventRule) =>
  a.rrule === b.rrule &&
  a.dtstart === b.dtstart &&
  a.timezone === b.timezone &&
  (a.count ?? undefined) === b.count &&
  (a.until?.toISOString() ?? undefined) === (b.until ? new Date(b.until).toISOString() : undefined);

/** The job that fires one occurrence of a series, for the task that stands for it. */
export const occurrenceJob = (series: SeriesRow, at: Date, taskId: string, now: Date): PlannedJob => ({
  id: occurrenceJobId(series.id, at),
  kind: "recurring",
  dueAt: at,
  taskId,
  userId: series.userId,
  seriesId: series.id,
  reminderId: series.id,
  title: series.title,
  status: "scheduled",
  updatedAt: now,
});

/** What a task event means for its series and the series' jobs. */
export interface SeriesPlan {
  /** The series as the event leaves it; `problem` holds the reason when its rule cannot be scheduled. */
  series: SeriesRow;
  /** Cancel the series' scheduled jobs (and so tell the schedulers that jobs changed). */
  cancelScheduled: boolean;
  /** Schedule this occurrence; if it already fired it stays fired (an occurrence fires once). */
  schedule?: PlannedJob;
  /** Why the rule cannot be scheduled: nothing will fire, and the event is still acknowledged. */
  problem?: RuleProblem;
}

function seriesRowOf(event: TaskEvent, rule: EventRule, problem: string | null): SeriesRow {
  return {
    id: rule.series_id,
    userId: event.user_id,
    rrule: rule.rrule,
    dtstart: rule.dtstart,
    timezone: rule.timezone,
    count: rule.count ?? null,
    until: rule.until ? new Date(rule.until) : null,
    active: rule.active,
    title: event.payload.title,
    eventAt: new Date(event.timestamp),
    problem,
  };
}

/**
 * Decides what a task event does to its series (`existing`, as stored): a new or changed rule
 * cancels what is scheduled and schedules its next occurrence (for a new series, the first
 * instance's own occurrence), a cancelled rule cancels what is scheduled, and the same rule again
 * changes no job. Undefined: nothing to store (no rule, or an older event replayed late).
 */
export function planSeries(
  existing: SeriesRow | undefined,
  event: TaskEvent,
  now: Date,
): SeriesPlan | undefined {
  // Where a fired occurrence landed is the notifier's news; the schedule moved on when it fired.
  if (event.event_type === "task.occurrence") return undefined;
  const rule = event.payload.recurrence_rule;
  if (!rule) return undefined;
  if (existing && existing.eventAt > new Date(event.timestamp)) return undefined;
  const series = seriesRowOf(event, rule, null);
  if (!rule.active) return { series, cancelScheduled: true };
  if (existing?.active && sameRule(existing, rule)) return { series, cancelScheduled: false };
  const next = nextOccurrenceAfter(ruleOf(series), now);
  if (!next.ok) {
    const { problem } = next;
    return {
      series: { ...series, problem: `${problem.field}: ${problem.message}` },
      cancelScheduled: true,
      problem,
    };
  }
  const first = !existing && event.payload.occurrence_at ? new Date(event.payload.occurrence_at) : next.value;
  if (!first) return { series, cancelScheduled: true };
  return { series, cancelScheduled: true, schedule: occurrenceJob(series, first, event.task_id, now) };
}

/** What a reminder event does to the task's one reminder job. */
export type ReminderPlan =
  | { kind: "schedule"; job: PlannedJob }
  /** Cancel the job only while it is still this reminder's and still scheduled (checked as it is written). */
  | { kind: "cancel"; jobId: string; reminderId: string }
  | { kind: "nothing" };

/**
 * `reminder.scheduled` (re)schedules the task's job, unless that very reminder already fired (a
 * replay must not fire twice); `reminder.cancelled` cancels it if still current; `reminder.fired`
 * is this service's own and plans nothing. `current` is the task's job as stored.
 */
export function planReminder(current: JobRow | undefined, event: ReminderEvent, now: Date): ReminderPlan {
  const id = reminderJobId(event.task_id);
  switch (event.event_type) {
    case "reminder.scheduled":
      if (current && current.reminderId === event.reminder_id && current.status !== "scheduled")
        return { kind: "nothing" };
      return {
        kind: "schedule",
        job: {
          id,
          kind: "one-time",
          dueAt: new Date(event.target_time),
          taskId: event.task_id,
          userId: event.user_id,
          seriesId: null,
          reminderId: event.reminder_id,
          title: event.title ?? "your task",
          status: "scheduled",
          updatedAt: now,
        },
      };
    case "reminder.cancelled":
      return { kind: "cancel", jobId: id, reminderId: event.reminder_id };
    case "reminder.fired":
      return { kind: "nothing" };
    default: {
      const never: never = event.event_type;
      throw new Error(`unhandled reminder event ${String(never)}`);
    }
  }
}

/**
 * What firing a scheduled job at `now` means: not yet (`not-due`), on time (`fired`), or later
 * than the grace period allows (`missed`: published anyway, marked, so nothing is dropped silently).
 */
export function fireStatusOf(
  job: Pick<JobRow, "dueAt">,
  now: Date,
  graceMs: number,
): "not-due" | "fired" | "missed" {
  if (job.dueAt > now) return "not-due";
  return now.getTime() - job.dueAt.getTime() > graceMs ? "missed" : "fired";
}
