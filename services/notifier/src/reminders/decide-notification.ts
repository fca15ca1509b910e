import type { ReminderEvent } from "@todo/schemas";
import type { NotificationRow, ProjectionRow } from "../db/schema.ts";

/** The facts of one fire: a one-time `reminder.fired`, or the fire a `task.occurrence` carries. */
export type Fire = Pick<
  ReminderEvent,
  "reminder_id" | "task_id" | "user_id" | "target_time" | "reminder_type" | "title" | "missed" | "all_day"
>;

/** What is known of the fire's task: for a recurring fire, the instance the backend landed it on. */
export type KnownTask = Pick<ProjectionRow, "taskId" | "title" | "status" | "deleted" | "reminderId">;

/**
 * Decides the notification a fire makes. Shown ("delivered" or "missed") unless the task was
 * completed or deleted first ("suppressed", FR-009) or a one-time reminder was moved or cleared
 * since it was scheduled ("cancelled"). A recurring fire is about the instance the backend landed
 * it on (FR-006 is decided there). A fire of a date-only series (at its local midnight) speaks of
 * the day, not of a time.
 */
export function decideNotification(
  fire: Fire,
  task: KnownTask | undefined,
  now: Date,
): Omit<NotificationRow, "id" | "readAt"> {
  const recurring = fire.reminder_type === "recurring";
  const title = task?.title ?? fire.title ?? "your task";
  let status: NotificationRow["status"] = fire.missed ? "missed" : "delivered";
  if (task && (task.deleted || task.status !== "pending")) status = "suppressed";
  else if (!recurring && task && task.reminderId !== fire.reminder_id) status = "cancelled";
  const message = {
    delivered: fire.all_day
      ? `Due today: ${title}`
      : recurring
        ? `It's time for: ${title}`
        : `Reminder: ${title}`,
    missed: `Missed reminder: ${title}`,
    suppressed: `${title} was already done; no reminder needed`,
    cancelled: `The reminder for ${title} was changed`,
  }[status];
  return {
    userId: fire.user_id,
    taskId: task?.taskId ?? fire.task_id,
    reminderId: fire.reminder_id,
    kind: recurring ? "recurring" : "reminder",
    title,
    message,
    targetTime: new Date(fire.target_time),
    deliveredAt: now,
    status,
    allDay: fire.all_day === true,
  };
}
