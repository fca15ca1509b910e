import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";
import type { ReminderEvent, TaskEvent } from "@todo/schemas";
import { jobs, recurrences } from "../db/schema.ts";
import { reminderJobId } from "./job-ids.ts";
import { type PlannedJob, planReminder, planSeries } from "./plan-schedule.ts";

/**
 * Schedules (or re-schedules) a job. With `keepFired`, a job that already fired is left alone:
 * an occurrence's id names one fire, and it must never fire twice.
 */
async function upsertJob(tx: Db, job: PlannedJob, keepFired: boolean): Promise<void> {
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

/** Whether a task event concerns a series: the others leave the schedule as it is. */
export const concernsSeries = (event: TaskEvent): boolean =>
  Boolean(event.payload.recurrence_rule?.series_id);

/**
 * Keeps the series and its next fire in step with `task-events`, as `planSeries` decides, with
 * the series row locked. Returns whether jobs changed (the schedulers should look again).
 *
 * A rule the core refuses is the rule's fault, not the event's: retrying cannot help, and
 * dead-lettering would look like an outage. The series is kept with the reason and no fire, the
 * event is acknowledged, and the log says which series and why.
 *
 * `task.occurrence` (where a fired occurrence landed) changes nothing: the schedule moved on when it fired.
 */
export async function planFromTaskEvent(
  tx: Db,
  event: TaskEvent,
  clock: Clock,
  logger: Logger,
): Promise<boolean> {
  const seriesId = event.payload.recurrence_rule?.series_id;
  if (!seriesId) return false;
  const now = clock.now();
  const [existing] = await tx.select().from(recurrences).where(eq(recurrences.id, seriesId)).for("update");
  const plan = planSeries(existing, event, now);
  if (!plan) return false;
  await tx
    .insert(recurrences)
    .values(plan.series)
    .onConflictDoUpdate({ target: recurrences.id, set: plan.series });
  if (plan.cancelScheduled) await cancelSeriesJobs(tx, seriesId, now);
  if (plan.problem)
    logger.warn("series has a rule that cannot be scheduled, so nothing will fire", {
      series_id: seriesId,
      problem: plan.series.problem,
    });
  if (plan.schedule) await upsertJob(tx, plan.schedule, true);
  return plan.cancelScheduled;
}

/** `reminder.scheduled` keeps one job per task; `reminder.cancelled` cancels it if still current. */
export async function planFromReminderEvent(tx: Db, event: ReminderEvent, clock: Clock): Promise<boolean> {
  const now = clock.now();
  const current =
    event.event_type === "reminder.scheduled"
      ? (
          await tx
            .select()
            .from(jobs)
            .where(eq(jobs.id, reminderJobId(event.task_id)))
        )[0]
      : undefined;
  const plan = planReminder(current, event, now);
  switch (plan.kind) {
    case "schedule":
      await upsertJob(tx, plan.job, false);
      return true;
    case "cancel":
      await tx
        .update(jobs)
        .set({ status: "cancelled", updatedAt: now, synced: false })
        .where(
          and(eq(jobs.id, plan.jobId), eq(jobs.reminderId, plan.reminderId), eq(jobs.status, "scheduled")),
        );
      return true;
    case "nothing":
      return false;
  }
}
