import {
  REMINDERS_VERSION,
  TASK_EVENTS_VERSION,
  TASK_UPDATES_VERSION,
  type AnyEvent,
  type ChangeType,
  type TaskEventType,
} from "@todo/schemas";
import type { SeriesRow, TaskRow } from "../db/schema.ts";
import { snapshotOf, summaryOf } from "./task-view.ts";

export type TaskChange = "created" | "updated" | "completed" | "deleted";

const TASK_EVENT: Record<TaskChange, TaskEventType> = {
  created: "task.created",
  updated: "task.updated",
  completed: "task.completed",
  deleted: "task.deleted",
};

/**
 * Decides the events one task mutation causes: its `task-events` event, its `task-updates` change,
 * and a `reminders` event when the reminder was set, moved or cleared (FR-020, FR-021, FR-022).
 * `before` is the row as it was (undefined for a new task); `after` as it is now (for a deletion,
 * the row as it was).
 */
export function eventsForChange(
  change: TaskChange,
  before: TaskRow | undefined,
  after: TaskRow,
  series: SeriesRow | null | undefined,
  now: Date,
): AnyEvent[] {
  const timestamp = now.toISOString();
  const base = { task_id: after.id, user_id: after.userId, timestamp };
  const events: AnyEvent[] = [
    {
      topic: "task-events",
      event: {
        schema_version: TASK_EVENTS_VERSION,
        event_id: crypto.randomUUID(),
        event_type: TASK_EVENT[change],
        ...base,
        payload: snapshotOf(after, series),
      },
    },
    {
      topic: "task-updates",
      event: {
        schema_version: TASK_UPDATES_VERSION,
        event_id: crypto.randomUUID(),
        ...base,
        change_type: change satisfies ChangeType,
        summary: summaryOf(after, series),
      },
    },
  ];
  if (change === "deleted") return events;
  const reminder = {
    ...base,
    reminder_type: "one-time" as const,
    title: after.title,
    series_id: after.seriesId,
  };
  const previous =
    before?.reminderId && before.reminderTime ? { id: before.reminderId, time: before.reminderTime } : null;
  const current =
    after.reminderId && after.reminderTime ? { id: after.reminderId, time: after.reminderTime } : null;
  if (previous && previous.id !== current?.id) {
    events.push({
      topic: "reminders",
      event: {
        schema_version: REMINDERS_VERSION,
        event_id: crypto.randomUUID(),
        event_type: "reminder.cancelled",
        reminder_id: previous.id,
        target_time: previous.time.toISOString(),
        ...reminder,
      },
    });
  }
  if (current && current.id !== previous?.id) {
    events.push({
      topic: "reminders",
      event: {
        schema_version: REMINDERS_VERSION,
        event_id: crypto.randomUUID(),
        event_type: "reminder.scheduled",
        reminder_id: current.id,
        target_time: current.time.toISOString(),
        ...reminder,
      },
    });
  }
  return events;
}
