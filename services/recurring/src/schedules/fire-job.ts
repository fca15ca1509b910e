import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Database } from "@todo/messaging/db";
import { appendEvents, yieldToEventLoop } from "@todo/messaging";
import type { Db } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";
import { occurrenceReminderId, occurrenceTaskId, REMINDERS_VERSION, type ReminderEvent } from "@todo/schemas";
import { jobs, recurrences, type JobRow, type SeriesRow } from "../db/schema.ts";
import {
  expandRule,
  nextOccurrenceAfter,
  type RecurrenceRule,
  type RuleResult,
} from "@todo/schemas/recurrence";
import { fireStatusOf, occurrenceJob, ruleOf } from "./plan-schedule.ts";

export interface FireSettings {
  /** how late a fire may still be delivered as on time (REMINDER_GRACE); later ones are missed */
  graceMs: number;
  /** after a long outage, at most this many missed occurrences of one series are published */
  maxCatchUp: number;
  /** where fires that cannot happen (a broken rule, a catch-up cut short, a failed job) are reported */
  logger: Logger;
}

export type FireOutcome = "fired" | "missed" | "not-due" | "already-done";

/**
 * Fires one job inside the caller's transaction, with the job row locked: marks it, publishes
 * `reminder.fired` (with `missed: true` past the grace period, so nothing is dropped silently),
 * and for a recurring job schedules the series' next occurrence. A job that is no longer
 * scheduled (a duplicate trigger) changes nothing.
 */
export async function fireJob(
  tx: Db,
  jobId: string,
  now: Date,
  settings: FireSettings,
): Promise<FireOutcome> {
  const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
  if (job?.status !== "scheduled") return "already-done";
  const status = fireStatusOf(job, now, settings.graceMs);
  if (status !== "not-due") await fireClaimedJobs(tx, [job], now, settings);
  return status;
}

const isMissed = (job: JobRow, now: Date, settings: FireSettings) =>
  fireStatusOf(job, now, settings.graceMs) === "missed";
const isRecurring = (job: JobRow) => job.kind === "recurring" && job.seriesId !== null;

/**
 * Fires due, locked, scheduled jobs with a fixed number of statements whatever their number: a
 * burst of 10,000 reminders due in one minute is 20 batches, not 40,000 round trips.
 */
async function fireClaimedJobs(tx: Db, due: JobRow[], now: Date, settings: FireSettings): Promise<void> {
  if (due.length === 0) return;
  for (const status of ["fired", "missed"] as const) {
    const ids = due
      .filter((job) => isMissed(job, now, settings) === (status === "missed"))
      .map((job) => job.id);
    if (ids.length > 0)
      await tx
        .update(jobs)
        .set({ status, firedAt: now, updatedAt: now, synced: false })
        .where(inArray(jobs.id, ids));
  }
  const recurring = due.filter(isRecurring);
  const seriesIds = [...new Set(recurring.map((job) => job.seriesId!))];
  const seriesRows =
    seriesIds.length > 0 ? await tx.select().from(recurrences).where(inArray(recurrences.id, seriesIds)) : [];
  const byId = new Map(seriesRows.map((s) => [s.id, s]));
  await appendEvents(
    tx,
    due.map((job) => ({
      topic: "reminders",
      event: firedEvent(job, now, isMissed(job, now, settings), byId.get(job.seriesId ?? "")),
    })),
  );
  await scheduleNextOccurrences(tx, recurring, byId, now, settings);
}

// A date-only series (dtstart `YYYY-MM-DD`) fires at local midnight, the start of its day: the
// fire makes that day's instance, and `all_day` tells the notifier to speak of the date, not the time.
const isDateOnly = (s: SeriesRow | undefined) => s !== undefined && !s.dtstart.includes("T");

function firedEvent(job: JobRow, now: Date, missed: boolean, series: SeriesRow | undefined): ReminderEvent {
  const recurring = isRecurring(job);
  const event: ReminderEvent = {
    schema_version: REMINDERS_VERSION,
    event_id: crypto.randomUUID(),
    event_type: "reminder.fired",
    reminder_id: recurring ? occurrenceReminderId(job.seriesId!, job.dueAt) : job.reminderId,
    task_id: recurring ? occurrenceTaskId(job.seriesId!, job.dueAt) : job.taskId,
    user_id: job.userId,
    timestamp: now.toISOString(),
    target_time: job.dueAt.toISOString(),
    reminder_type: recurring ? "recurring" : "one-time",
    series_id: job.seriesId,
    title: job.title,
    missed,
  };
  if (recurring && isDateOnly(series)) event.all_day = true;
  return event;
}

// One-shot jobs, re-scheduled after each fire: a UTC cron could not keep "every Friday at 2 PM"
// at 2 PM local across DST, nor express "every other week" or "the last Friday".
async function scheduleNextOccurrences(
  tx: Db,
  fired: JobRow[],
  series: Map<string, SeriesRow>,
  now: Date,
  settings: FireSettings,
): Promise<void> {
  if (fired.length === 0) return;
  const next = fired.flatMap((job) => {
    const s = series.get(job.seriesId!);
    const at = s?.active && nextFireAfter(s, job.dueAt, now, settings);
    return at
      ? [{ ...occurrenceJob(s, at, occurrenceTaskId(s.id, at), now), firedAt: null, synced: false }]
      : [];
  });
  if (next.length > 0) await tx.insert(jobs).values(next).onConflictDoNothing();
}

function usable<T>(s: SeriesRow, result: RuleResult<T>, logger: Logger): T | undefined {
  if (result.ok) return result.value;
  logger.warn("series has a rule that cannot be scheduled, so nothing more will fire", {
    series_id: s.id,
    field: result.problem.field,
    problem: result.problem.message,
  });
  return undefined;
}

function nextFireAfter(s: SeriesRow, after: Date, now: Date, settings: FireSettings): Date | undefined {
  const rule: RecurrenceRule = ruleOf(s);
  const next = usable(s, nextOccurrenceAfter(rule, after), settings.logger);
  const graceStart = new Date(now.getTime() - settings.graceMs);
  if (!next || next >= graceStart) return next ?? undefined;
  // Back from a long outage: every missed occurrence is published as missed, up to a bound;
  // beyond it the series jumps to the occurrences that can still be on time, and says so.
  const missedSince =
    usable(
      s,
      expandRule(rule, { after, until: graceStart, limit: settings.maxCatchUp + 1 }),
      settings.logger,
    ) ?? [];
  if (missedSince.length <= settings.maxCatchUp) return next;
  const resume = usable(s, nextOccurrenceAfter(rule, graceStart), settings.logger);
  settings.logger.warn(
    `series was down past ${settings.maxCatchUp}+ occurrences; not publishing those between ${next.toISOString()} and ${graceStart.toISOString()}, resuming at ${resume?.toISOString() ?? "its end"}`,
    { series_id: s.id },
  );
  return resume ?? undefined;
}

/** Due jobs claimed and fired per transaction. */
export const FIRE_BATCH = 500;

export interface FireDeps {
  database: Database;
  clock: Clock;
  settings: FireSettings;
  onFired?: (count: number) => void;
  stopped?: () => boolean;
}

/**
 * Fires every scheduled job due at or before `cutoff` (default: now), in batches claimed with
 * FOR UPDATE SKIP LOCKED, so several replicas or adapters never fire one job twice. Returns how
 * many fired; `onFired` hears each batch. A batch that fails is fired again job by job, so one
 * job that cannot fire is set aside as `failed` (and logged) instead of holding up the rest.
 */
export async function fireDueJobs(deps: FireDeps, cutoff?: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const until = cutoff ?? now;
    let fired: number;
    try {
      fired = await deps.database.db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, "scheduled"), lte(jobs.dueAt, until)))
          .orderBy(asc(jobs.dueAt))
          .limit(FIRE_BATCH)
          .for("update", { skipLocked: true });
        await fireClaimedJobs(tx, due, now, deps.settings);
        return due.length;
      });
    } catch (error) {
      if (!(await databaseAnswers(deps.database))) throw error;
      fired = await fireOneByOne(deps, now, until);
    }
    if (fired > 0) deps.onFired?.(fired);
    total += fired;
    if (fired < FIRE_BATCH || deps.stopped?.()) return total;
    await yieldToEventLoop();
  }
}

async function fireOneByOne(deps: FireDeps, now: Date, until: Date): Promise<number> {
  const due = await deps.database.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, "scheduled"), lte(jobs.dueAt, until)))
    .orderBy(asc(jobs.dueAt))
    .limit(FIRE_BATCH);
  let fired = 0;
  for (const { id } of due) {
    try {
      const outcome = await deps.database.db.transaction((tx) => fireJob(tx, id, now, deps.settings));
      if (outcome === "fired" || outcome === "missed") fired++;
    } catch (error) {
      deps.settings.logger.error("job cannot fire and is set aside as failed", { job_id: id, error });
      await deps.database.db
        .update(jobs)
        .set({ status: "failed", updatedAt: now, synced: false })
        .where(and(eq(jobs.id, id), eq(jobs.status, "scheduled")));
    }
  }
  return fired;
}

// A database that cannot answer is not the event's (or job's) fault: the caller waits and tries again.
const databaseAnswers = (database: Database) =>
  database.ping().then(
    () => true,
    () => false,
  );
