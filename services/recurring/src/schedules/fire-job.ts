import { and, asc, eq, lte } from "drizzle-orm";
import type { Database } from "@todo/outbox/db";
import { yieldToEventLoop, type Clock } from "@todo/outbox/runtime";
import { appendEvents } from "@todo/outbox";
import type { Db } from "@todo/outbox/db";
import { occurrenceReminderId, occurrenceTaskId } from "@todo/schemas";
import { jobs, recurrences, type JobRow } from "../db/schema.ts";
import { expandOccurrences, nextOccurrenceAfter } from "../recurrence/expand-occurrences.ts";
import { occurrenceJobId } from "./job-ids.ts";
import { ruleOf } from "./plan-jobs.ts";

export interface FireSettings {
  /** how late a fire may still be delivered as on time (REMINDER_GRACE); later ones are missed */
  graceMs: number;
  /** after a long outage, at most this many missed occurrences of one series are published */
  maxCatchUp: number;
}

export type FireOutcome = "fired" | "missed" | "not-due" | "already-done";

/**
 * Fires one job inside the caller's transaction, with the job row locked: marks it, publishes
 * `reminder.fired` (with `missed: true` past the grace period, so nothing is dropped silently),
 * and for a recurring job schedules the series' next occurrence. A job that is no longer
 * scheduled (a duplicate trigger) changes nothing.
 */
export async function fireJob(tx: Db, jobId: string, now: Date, settings: FireSettings): Promise<FireOutcome> {
  const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
  if (!job || job.status !== "scheduled") return "already-done";
  if (job.dueAt > now) return "not-due";
  const missed = now.getTime() - job.dueAt.getTime() > settings.graceMs;
  await tx.update(jobs).set({ status: missed ? "missed" : "fired", firedAt: now, updatedAt: now, synced: false }).where(eq(jobs.id, job.id));
  const recurring = job.kind === "recurring" && job.seriesId !== null;
  await appendEvents(tx, [
    {
      topic: "reminders",
      event: {
        schema_version: 1,
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
      },
    },
  ]);
  if (recurring) await scheduleNextOccurrence(tx, job, now, settings);
  return missed ? "missed" : "fired";
}

// One-shot jobs, re-scheduled after each fire: a UTC cron could not keep "every Friday at 2 PM"
// at 2 PM local across DST, nor express "every other week" or "the last Friday".
async function scheduleNextOccurrence(tx: Db, job: JobRow, now: Date, settings: FireSettings): Promise<void> {
  const [s] = await tx.select().from(recurrences).where(and(eq(recurrences.id, job.seriesId!), eq(recurrences.active, true)));
  if (!s) return;
  const rule = ruleOf(s);
  let next = nextOccurrenceAfter(rule, job.dueAt);
  const graceStart = new Date(now.getTime() - settings.graceMs);
  if (next && next < graceStart) {
    // Back from a long outage: every missed occurrence is published as missed, up to a bound;
    // beyond it the series jumps to the occurrences that can still be on time, and says so.
    const missedSince = expandOccurrences(rule, { after: job.dueAt, until: graceStart, limit: settings.maxCatchUp + 1 });
    if (missedSince.length > settings.maxCatchUp) {
      const resume = nextOccurrenceAfter(rule, graceStart);
      console.warn(`recurring: series ${s.id} was down past ${settings.maxCatchUp}+ occurrences; not publishing those between ${next.toISOString()} and ${graceStart.toISOString()}, resuming at ${resume?.toISOString() ?? "its end"}`);
      next = resume;
    }
  }
  if (!next) return;
  await tx
    .insert(jobs)
    .values({ id: occurrenceJobId(s.id, next), kind: "recurring", dueAt: next, taskId: occurrenceTaskId(s.id, next), userId: s.userId, seriesId: s.id, reminderId: s.id, title: s.title, status: "scheduled", updatedAt: now, firedAt: null, synced: false })
    .onConflictDoNothing();
}

const BATCH = 100;

/**
 * Fires every scheduled job due at or before `cutoff` (default: now), in batches claimed with
 * FOR UPDATE SKIP LOCKED, so several replicas or adapters never fire one job twice. Returns how
 * many fired; `onFired` hears each batch.
 */
export async function fireDueJobs(deps: { database: Database; clock: Clock; settings: FireSettings; onFired?: (count: number) => void; stopped?: () => boolean }, cutoff?: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const fired = await deps.database.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.status, "scheduled"), lte(jobs.dueAt, cutoff ?? now)))
        .orderBy(asc(jobs.dueAt))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      for (const { id } of due) await fireJob(tx, id, now, deps.settings);
      return due.length;
    });
    if (fired > 0) deps.onFired?.(fired);
    total += fired;
    if (fired < BATCH || deps.stopped?.()) return total;
    await yieldToEventLoop();
  }
}
