import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";
import type { RecurrenceRule as EventRule, ReminderEvent, TaskEvent } from "@todo/schemas";
import { jobs, recurrences, type JobRow, type SeriesRow } from "../db/schema.ts";
import { nextOccurrenceAfter, type RuleProblem } from "@todo/schemas/recurrence";
import { occurrenceJobId, reminderJobId } from "./job-ids.ts";

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

/**
 * Schedules (or re-schedules) a job. With `keepFired`, a job that already fired is left alone:
 * an occurrence's id names one fire, and it must never fire twice.
 */
async function upsertJob(tx: Db, job: Omit<JobRow, "synced" | "firedAt">, keepFired: boolean): Promise<void> {
  const set = { ...job, firedAt: null, synced: false };
  await tx
    .insert(jobs)
    .values(set)
    .onConflictDoUpdate({
      target: jobs.id,
      set,
      setWhere: keepFired ? sql`${jobs.status} in ('scheduled', 'cancelled')` : undefined,
    });
}

async function cancelSeriesJobs(tx: Db, seriesId: string, now: Date): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: "cancelled", updatedAt: now, synced: false })
    .where(and(eq(jobs.seriesId, seriesId), eq(jobs.status, "scheduled")));
}

/**
 * Keeps the series and its next fire in step with `task-events`: a new or changed rule schedules
 * its next occurrence (the first instance's own occurrence for a new series), a cancelled one
 * cancels what is scheduled. Instances coming and going change nothing else, nor does
 * `task.occurrence` (where a fired occurrence landed).
 */
export async function planFromTaskEvent(
  tx: Db,
  event: TaskEvent,
  clock: Clock,
  logger: Logger,
): Promise<boolean> {
  // Where an occurrence landed is the notifier's news; the schedule already moved on when it fired.
  if (event.event_type === "task.occurrence") return false;
  const rule = event.payload.recurrence_rule;
  if (!rule) return false;
  const now = clock.now();
  const [existing] = await tx
    .select()
    .from(recurrences)
    .where(eq(recurrences.id, rule.series_id))
    .for("update");
  const eventAt = new Date(event.timestamp);
  if (existing && existing.eventAt > eventAt) return false; // an older event replayed late
  const row: SeriesRow = {
    id: rule.series_id,
    userId: event.user_id,
    rrule: rule.rrule,
    dtstart: rule.dtstart,
    timezone: rule.timezone,
    count: rule.count ?? null,
    until: rule.until ? new Date(rule.until) : null,
    active: rule.active,
    title: event.payload.title,
    eventAt,
    problem: null,
  };
  await tx.insert(recurrences).values(row).onConflictDoUpdate({ target: recurrences.id, set: row });
  if (!rule.active) {
    await cancelSeriesJobs(tx, rule.series_id, now);
    return true;
  }
  if (existing?.active && sameRule(existing, rule)) return false;
  await cancelSeriesJobs(tx, rule.series_id, now);
  const next = nextOccurrenceAfter(ruleOf(row), now);
  if (!next.ok) {
    await recordUnusableRule(tx, row, next.problem, logger);
    return true;
  }
  const first = !existing && event.payload.occurrence_at ? new Date(event.payload.occurrence_at) : next.value;
  if (!first) return true;
  await upsertJob(
    tx,
    {
      id: occurrenceJobId(row.id, first),
      kind: "recurring",
      dueAt: first,
      taskId: event.task_id,
      userId: row.userId,
      seriesId: row.id,
      reminderId: row.id,
      title: row.title,
      status: "scheduled",
      updatedAt: now,
    },
    true,
  );
  return true;
}

/**
 * A rule the core refuses is the rule's fault, not the event's: retrying cannot help, and
 * dead-lettering would look like an outage. The series is kept with the reason and no fire, the
 * event is acknowledged, and the log says which series and why.
 */
async function recordUnusableRule(
  tx: Db,
  row: SeriesRow,
  problem: RuleProblem,
  logger: Logger,
): Promise<void> {
  const reason = `${problem.field}: ${problem.message}`;
  await tx.update(recurrences).set({ problem: reason }).where(eq(recurrences.id, row.id));
  logger.warn("series has a rule that cannot be scheduled, so nothing will fire", {
    series_id: row.id,
    problem: reason,
  });
}

/** `reminder.scheduled` keeps one job per task; `reminder.cancelled` cancels it if still current. */
export async function planFromReminderEvent(tx: Db, event: ReminderEvent, clock: Clock): Promise<boolean> {
  const now = clock.now();
  const id = reminderJobId(event.task_id);
  if (event.event_type === "reminder.scheduled") {
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, id));
    // The same reminder scheduled again after it fired (a replay) must not fire twice.
    if (current && current.reminderId === event.reminder_id && current.status !== "scheduled") return false;
    await upsertJob(
      tx,
      {
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
      false,
    );
    return true;
  } else if (event.event_type === "reminder.cancelled") {
    await tx
      .update(jobs)
      .set({ status: "cancelled", updatedAt: now, synced: false })
      .where(and(eq(jobs.id, id), eq(jobs.reminderId, event.reminder_id), eq(jobs.status, "scheduled")));
    return true;
  }
  return false; // reminder.fired: our own, nothing to plan
}
