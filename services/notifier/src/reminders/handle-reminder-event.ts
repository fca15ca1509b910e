import { inArray } from "drizzle-orm";
import { appendEvents } from "@todo/messaging";
import type { Db } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import {
  TASK_UPDATES_VERSION,
  type ReminderEvent,
  type TaskEvent,
  type TaskSummary,
  type TaskUpdateEvent,
} from "@todo/schemas";
import { notifications, taskProjection, type NotificationRow } from "../db/schema.ts";
import { decideNotification, type Fire, type KnownTask } from "./decide-notification.ts";

/** What the user's open pages are told about the task a shown notification is about. */
type Summary = Pick<TaskSummary, "priority" | "tags" | "status">;

interface Decided {
  fire: Fire;
  task: (KnownTask & Summary) | undefined;
}

/**
 * Stores one notification per fire and, for those to be shown, tells the user's open pages
 * through `task-updates` (change_type `reminder`), all in the inbox transaction. A fire already
 * notified (the same reminder id, fired or delivered again) conflicts and is left out.
 */
async function notify(tx: Db, fires: Decided[], now: Date): Promise<void> {
  const decided = fires.map(({ fire, task }) => ({
    id: crypto.randomUUID(),
    ...decideNotification(fire, task, now),
    readAt: null,
  }));
  const stored = await tx.insert(notifications).values(decided).onConflictDoNothing().returning();
  const taskOf = new Map<string, Summary | undefined>(decided.map((row, i) => [row.id, fires[i]!.task]));
  const shown = stored.filter((row) => row.status === "delivered" || row.status === "missed");
  await appendEvents(
    tx,
    shown.map((row) => ({ topic: "task-updates", event: reminderUpdate(row, taskOf.get(row.id), now) })),
  );
}

/** Whether a `reminders` event makes a notification: a one-time reminder that fired. */
export const makesNotification = (event: ReminderEvent): boolean =>
  event.event_type === "reminder.fired" && event.reminder_type === "one-time";

/**
 * One-time `reminder.fired` events, judged against the projection: one query for all the tasks
 * the fires name, so a whole batch of fires costs a fixed number of statements. A recurring fire
 * is the backend's to place (FR-006): the notifier notifies from the `task.occurrence` it publishes.
 */
export async function handleReminderEvents(tx: Db, events: ReminderEvent[], clock: Clock): Promise<void> {
  const fired = events.filter(makesNotification); // scheduling is the recurring service's business
  if (fired.length === 0) return;
  const taskIds = [...new Set(fired.map((event) => event.task_id))];
  const rows = await tx.select().from(taskProjection).where(inArray(taskProjection.taskId, taskIds));
  const byId = new Map(rows.map((row) => [row.taskId, row]));
  await notify(
    tx,
    fired.map((fire) => ({ fire, task: byId.get(fire.task_id) })),
    clock.now(),
  );
}

export const handleReminderEvent = (tx: Db, event: ReminderEvent, clock: Clock) =>
  handleReminderEvents(tx, [event], clock);

/**
 * A `task.occurrence`: the backend says which instance a series' fired occurrence landed on (made
 * for it, standing for it already, or an earlier one still pending; for a cancelled series, the
 * occurrence's own id, cancelled) and how that instance stood; the notification is about it,
 * suppressed if it was done (or cancelled) by then. Nothing else is consulted, so the order in
 * which `reminders` and `task-events` arrive changes nothing.
 */
export async function handleOccurrence(tx: Db, event: TaskEvent, clock: Clock): Promise<void> {
  const landed = event.occurrence;
  if (event.event_type !== "task.occurrence" || !landed) return;
  const p = event.payload;
  const fire: Fire = {
    reminder_id: landed.reminder_id,
    task_id: event.task_id,
    user_id: event.user_id,
    target_time: landed.target_time,
    reminder_type: "recurring",
    title: p.title,
    missed: landed.missed,
    all_day: landed.all_day,
  };
  const task = {
    taskId: event.task_id,
    title: p.title,
    status: p.status,
    deleted: false,
    reminderId: p.reminder_id,
    priority: p.priority,
    tags: p.tags,
  };
  await notify(tx, [{ fire, task }], clock.now());
}

function reminderUpdate(stored: NotificationRow, task: Summary | undefined, now: Date): TaskUpdateEvent {
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
