import type { ReminderEvent } from "@todo/schemas";
import type { NotificationRow, ProjectionRow } from "../db/schema.ts";

export interface Known {
  /** the task the fire names (for a recurring fire: the instance of that occurrence) */
  task?: ProjectionRow;
  /** for a recurring fire: the series' earliest instance still pending before this occurrence */
  pendingEarlier?: ProjectionRow;
}

/**
 * Decides the notification a `reminder.fired` event makes. Shown ("delivered" or "missed") unless
 * the task was completed or deleted first ("suppressed", FR-009) or the reminder was moved or
 * cleared since it was scheduled ("cancelled"). A recurring fire whose previous instance is still
 * pending is about that instance: the backend makes no new one then (FR-006). A fire of a
 * date-only series (at its local midnight) speaks of the day, not of a time.
 */
export function decideNotification(
  event: ReminderEvent,
  known: Known,
  now: Date,
): Omit<NotificationRow, "id" | "readAt"> {
  const recurring = event.reminder_type === "recurring";
  const task = known.task ?? (recurring ? known.pendingEarlier : undefined);
  const title = task?.title ?? event.title ?? "your task";
  let status: NotificationRow["status"] = event.missed ? "missed" : "delivered";
  if (task && (task.deleted || task.status !== "pending")) status = "suppressed";
  else if (!recurring && task && task.reminderId !== event.reminder_id) status = "cancelled";
  const message = {
    delivered: event.all_day
      ? `Due today: ${title}`
      : recurring
        ? `It's time for: ${title}`
        : `Reminder: ${title}`,
    missed: `Missed reminder: ${title}`,
    suppressed: `${title} was already done; no reminder needed`,
    cancelled: `The reminder for ${title} was changed`,
  }[status];
  return {
    userId: event.user_id,
    taskId: task?.taskId ?? event.task_id,
    reminderId: event.reminder_id,
    kind: recurring ? "recurring" : "reminder",
    title,
    message,
    targetTime: new Date(event.target_time),
    deliveredAt: now,
    status,
    allDay: event.all_day === true,
  };
}
