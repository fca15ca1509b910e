import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { appendEvents } from "@todo/messaging";
import type { Db } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { TASK_UPDATES_VERSION, type ReminderEvent, type TaskUpdateEvent } from "@todo/schemas";
import { notifications, taskProjection, type NotificationRow, type ProjectionRow } from "../db/schema.ts";
import { decideNotification, type Known } from "./decide-notification.ts";

type FiredEvent = ReminderEvent & { event_type: "reminder.fired" };

// What the notifier knows about each fire's task: one query for all the tasks the fires name, and
// for a recurring fire the series' instance of that occurrence and its earliest pending one.
async function knownFor(tx: Db, events: FiredEvent[]): Promise<Known[]> {
  const taskIds = [...new Set(events.map((event) => event.task_id))];
  const rows = await tx.select().from(taskProjection).where(inArray(taskProjection.taskId, taskIds));
  const byId = new Map(rows.map((row) => [row.taskId, row]));
  const known: Known[] = [];
  for (const event of events) {
    let task = byId.get(event.task_id);
    if (event.reminder_type !== "recurring" || !event.series_id) {
      known.push({ task });
      continue;
    }
    // The series' instance for this occurrence, whatever id it was given when it was made.
    [task] = task
      ? [task]
      : await tx
          .select()
          .from(taskProjection)
          .where(
            and(
              eq(taskProjection.seriesId, event.series_id),
              eq(taskProjection.occurrenceAt, new Date(event.target_time)),
            ),
          );
    const [pendingEarlier] = await tx
      .select()
      .from(taskProjection)
      .where(
        and(
          eq(taskProjection.seriesId, event.series_id),
          eq(taskProjection.status, "pending"),
          eq(taskProjection.deleted, false),
          lt(taskProjection.occurrenceAt, new Date(event.target_time)),
        ),
      )
      .orderBy(asc(taskProjection.occurrenceAt))
      .limit(1);
    known.push({ task, pendingEarlier });
  }
  return known;
}

/**
 * Stores the notification for each fired reminder and, for those to be shown, tells the user's
 * open pages through `task-updates` (change_type `reminder`), all in the inbox transaction. A
 * whole batch of fires costs a fixed number of statements (plus two per recurring fire).
 */
export async function handleReminderEvents(tx: Db, events: ReminderEvent[], clock: Clock): Promise<void> {
  const fired = events.filter((event): event is FiredEvent => event.event_type === "reminder.fired"); // scheduling is the recurring service's business
  if (fired.length === 0) return;
  const known = await knownFor(tx, fired);
  const now = clock.now();
  const decided = fired.map((event, i) => ({
    id: crypto.randomUUID(),
    ...decideNotification(event, known[i]!, now),
    readAt: null,
  }));
  // A fire already notified (a repeated fire of the same reminder) conflicts and is left out here.
  const stored = await tx.insert(notifications).values(decided).onConflictDoNothing().returning();
  const taskOf = new Map<string, ProjectionRow | undefined>(
    decided.map((row, i) => [row.id, known[i]!.task ?? known[i]!.pendingEarlier]),
  );
  const shown = stored.filter((row) => row.status === "delivered" || row.status === "missed");
  await appendEvents(
    tx,
    shown.map((row) => ({ topic: "task-updates", event: reminderUpdate(row, taskOf.get(row.id), now) })),
  );
}

export const handleReminderEvent = (tx: Db, event: ReminderEvent, clock: Clock) =>
  handleReminderEvents(tx, [event], clock);

function reminderUpdate(
  stored: NotificationRow,
  task: ProjectionRow | undefined,
  now: Date,
): TaskUpdateEvent {
  return {
    schema_version: TASK_UPDATES_VERSION,
    event_id: crypto.randomUUID(),
    task_id: stored.taskId,
    user_id: stored.userId,
    timestamp: now.toISOString(),
    change_type: "reminder",
    summary: {
      title: stored.title,
      priority: task?.priority ?? "medium",
      tags: task?.tags ?? [],
      status: task?.status ?? "pending",
    },
    notification: {
      id: stored.id,
      kind: stored.kind,
      message: stored.message,
      target_time: stored.targetTime.toISOString(),
      status: stored.status,
    },
  };
}
