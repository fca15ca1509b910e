import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";
import { occurrenceTaskId, type ReminderEvent } from "@todo/schemas";
import {
  recurrenceConflicts,
  series,
  taskColumns,
  tasks,
  type SeriesRow,
  type TaskRow,
} from "../db/schema.ts";
import { appendEvents } from "@todo/messaging";
import { addOccurrenceInstance } from "../tasks/task-service.ts";
import { instantOf, localDateOf, wallTimeOf } from "../time/zoned.ts";
import { isDateOnly } from "./date-only.ts";
import { occurrenceEvent } from "./occurrence-event.ts";

export type Materialized =
  | { outcome: "created"; task: TaskRow }
  | { outcome: "exists"; existing: TaskRow }
  | { outcome: "series-inactive" | "unknown-series" }
  | { outcome: "conflict"; pending: TaskRow };

interface Situation {
  series: SeriesRow | undefined;
  existing: TaskRow | undefined;
  pendingEarlier: TaskRow | undefined;
  template: TaskRow | undefined;
}

/**
 * A date-only series' reminder is a time of day the person chose (on its first instance, or the
 * latest): each new instance gets a reminder at that local time on its own date, so 8:30 AM stays
 * 8:30 AM across DST (gap → forward, overlap → earlier, as everywhere).
 */
function sameTimeOfDay(reminder: Date, occurrenceAt: Date, zone: string): Date {
  const time = wallTimeOf(reminder, zone).toPlainTime();
  return instantOf(wallTimeOf(occurrenceAt, zone).toPlainDate().toPlainDateTime(time), zone);
}

/**
 * What an occurrence firing means for the series (ARCHITECTURE.md, Recurring tasks): a new
 * pending instance due at the occurrence, unless one exists already (a redelivered fire), the
 * series was cancelled, or an earlier instance is still pending (then nothing, and a recorded
 * conflict, FR-006). The new instance copies the latest instance's title, priority and tags; in
 * a date-only series it is due on the occurrence's local date with no time, and keeps the
 * reminder's time of day.
 */
export function decideOccurrence(
  s: Situation,
  occurrenceAt: Date,
  fallbackTitle: string,
  now: Date,
): Materialized {
  if (!s.series) return { outcome: "unknown-series" };
  if (!s.series.active) return { outcome: "series-inactive" };
  if (s.existing) return { outcome: "exists", existing: s.existing };
  if (s.pendingEarlier) return { outcome: "conflict", pending: s.pendingEarlier };
  const t = s.template;
  const dateOnly = isDateOnly(s.series);
  const reminderTime =
    dateOnly && t?.reminderTime ? sameTimeOfDay(t.reminderTime, occurrenceAt, s.series.timezone) : null;
  return {
    outcome: "created",
    task: {
      id: occurrenceTaskId(s.series.id, occurrenceAt),
      userId: s.series.userId,
      title: t?.title ?? fallbackTitle,
      description: t?.description ?? "",
      status: "pending",
      priority: t?.priority ?? "medium",
      tags: t?.tags ?? [],
      dueDate: localDateOf(occurrenceAt, s.series.timezone),
      dueAt: dateOnly ? null : occurrenceAt,
      seriesId: s.series.id,
      occurrenceAt,
      reminderId: reminderTime ? crypto.randomUUID() : null,
      reminderTime,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    },
  };
}

/** Handles a recurring `reminder.fired` inside the inbox transaction. */
export async function materializeOccurrence(
  tx: Db,
  event: ReminderEvent,
  clock: Clock,
  logger: Logger,
): Promise<Materialized | undefined> {
  if (event.event_type !== "reminder.fired" || event.reminder_type !== "recurring" || !event.series_id)
    return undefined;
  const occurrenceAt = new Date(event.target_time);
  const seriesId = event.series_id;
  // Lock the series row: two fires of one series are decided one after the other.
  const [seriesRow] = await tx.select().from(series).where(eq(series.id, seriesId)).for("update");
  const ofSeries = eq(tasks.seriesId, seriesId);
  const [existing] = await tx
    .select(taskColumns)
    .from(tasks)
    .where(and(ofSeries, eq(tasks.occurrenceAt, occurrenceAt)));
  const [pendingEarlier] = await tx
    .select(taskColumns)
    .from(tasks)
    .where(and(ofSeries, eq(tasks.status, "pending"), lt(tasks.occurrenceAt, occurrenceAt)))
    .orderBy(tasks.occurrenceAt)
    .limit(1);
  const [template] = await tx
    .select(taskColumns)
    .from(tasks)
    .where(ofSeries)
    .orderBy(desc(tasks.occurrenceAt))
    .limit(1);
  const now = clock.now();
  const decision = decideOccurrence(
    { series: seriesRow, existing, pendingEarlier, template },
    occurrenceAt,
    event.title ?? "recurring task",
    now,
  );
  if (decision.outcome === "conflict") {
    await tx
      .insert(recurrenceConflicts)
      .values({ seriesId, occurrenceAt, pendingTaskId: decision.pending.id, recordedAt: now })
      .onConflictDoNothing();
    logger.info("occurrence skipped: an earlier instance is still pending", {
      series_id: seriesId,
      occurrence_at: occurrenceAt.toISOString(),
      pending_task_id: decision.pending.id,
      event_id: event.event_id,
    });
  }
  // Created through the task service, like every task: the same row write and the same events.
  if (decision.outcome === "created") await addOccurrenceInstance(tx, decision.task, seriesRow!, now);
  // Then where the occurrence landed, after the instance's own events on the same key: the notifier
  // notifies from this, and decides nothing about FR-006 itself.
  await appendEvents(tx, [occurrenceEvent(event, decision, seriesRow, now)]);
  return decision;
}
