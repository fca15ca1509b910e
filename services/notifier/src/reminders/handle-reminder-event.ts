import { and, asc, eq, lt } from "drizzle-orm";
import { appendEvents } from "@todo/outbox";
import type { Db } from "@todo/outbox/db";
import type { Clock } from "@todo/outbox/runtime";
import type { ReminderEvent } from "@todo/schemas";
import { notifications, taskProjection } from "../db/schema.ts";
import { decideNotification, type Known } from "./decide-notification.ts";

async function knownFor(tx: Db, event: ReminderEvent): Promise<Known> {
  let [task] = await tx.select().from(taskProjection).where(eq(taskProjection.taskId, event.task_id));
  if (event.reminder_type !== "recurring" || !event.series_id) return { task };
  // The series' instance for this occurrence, whatever id it was given when it was made.
  [task] = task ? [task] : await tx.select().from(taskProjection).where(and(eq(taskProjection.seriesId, event.series_id), eq(taskProjection.occurrenceAt, new Date(event.target_time))));
  const [pendingEarlier] = await tx
    .select()
    .from(taskProjection)
    .where(and(eq(taskProjection.seriesId, event.series_id), eq(taskProjection.status, "pending"), eq(taskProjection.deleted, false), lt(taskProjection.occurrenceAt, new Date(event.target_time))))
    .orderBy(asc(taskProjection.occurrenceAt))
    .limit(1);
  return { task, pendingEarlier };
}

/**
 * Stores the notification for a fired reminder and, when it is to be shown, tells the user's open
 * pages through `task-updates` (change_type `reminder`), all in the inbox transaction.
 */
export async function handleReminderEvent(tx: Db, event: ReminderEvent, clock: Clock): Promise<void> {
  if (event.event_type !== "reminder.fired") return; // scheduling is the recurring service's business
  const known = await knownFor(tx, event);
  const decided = decideNotification(event, known, clock.now());
  const [stored] = await tx.insert(notifications).values({ id: crypto.randomUUID(), ...decided, readAt: null }).onConflictDoNothing().returning();
  if (!stored || (stored.status !== "delivered" && stored.status !== "missed")) return;
  const task = known.task ?? known.pendingEarlier;
  await appendEvents(tx, [
    {
      topic: "task-updates",
      event: {
        schema_version: 1,
        event_id: crypto.randomUUID(),
        task_id: stored.taskId,
        user_id: stored.userId,
        timestamp: clock.now().toISOString(),
        change_type: "reminder",
        summary: { title: stored.title, priority: (task?.priority ?? "medium") as "high" | "medium" | "low", tags: task?.tags ?? [], status: (task?.status ?? "pending") as "pending" | "completed" | "cancelled" },
        notification: { id: stored.id, kind: stored.kind, message: stored.message, target_time: stored.targetTime.toISOString(), status: stored.status },
      },
    },
  ]);
}
