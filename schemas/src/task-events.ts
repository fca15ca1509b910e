import { Type, type Static } from "@sinclair/typebox";
import { DateOnly, Instant, Priority, RecurrenceRule, TaskStatus, Uuid, literals } from "./common.ts";
import { topicEvent } from "./envelope.ts";

export const TASK_EVENTS_TOPIC = "task-events";
export const TASK_EVENTS_VERSION = 1;

export const TaskEventType = literals("task.created", "task.updated", "task.completed", "task.deleted");
export type TaskEventType = Static<typeof TaskEventType>;

/** The task as it stands after the change (for `task.deleted`: as it stood before). */
export const TaskSnapshot = Type.Object({
  title: Type.String(),
  description: Type.String(),
  priority: Priority,
  tags: Type.Array(Type.String()),
  due_date: Type.Union([DateOnly, Type.Null()]),
  due_at: Type.Union([Instant, Type.Null()]),
  recurrence_rule: Type.Union([RecurrenceRule, Type.Null()]),
  series_id: Type.Union([Uuid, Type.Null()]),
  occurrence_at: Type.Union([Instant, Type.Null()]),
  reminder_id: Type.Union([Uuid, Type.Null()]),
  reminder_time: Type.Union([Instant, Type.Null()]),
  status: TaskStatus,
  completed_at: Type.Union([Instant, Type.Null()]),
});
export type TaskSnapshot = Static<typeof TaskSnapshot>;

/** `task-events`: published by the backend on every task mutation, keyed by `task_id`. */
export const TaskEvent = topicEvent(TASK_EVENTS_VERSION, {
  event_type: TaskEventType,
  payload: TaskSnapshot,
});
export type TaskEvent = Static<typeof TaskEvent>;
