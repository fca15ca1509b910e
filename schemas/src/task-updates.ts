import { Type, type Static } from "@sinclair/typebox";
import {
  DateOnly,
  Instant,
  NotificationKind,
  NotificationStatus,
  Priority,
  TaskStatus,
  Uuid,
  literals,
} from "./common.ts";
import { topicEvent } from "./envelope.ts";

export const TASK_UPDATES_TOPIC = "task-updates";
export const TASK_UPDATES_VERSION = 1;

export const ChangeType = literals("created", "updated", "completed", "deleted", "reminder");
export type ChangeType = Static<typeof ChangeType>;

export const TaskSummary = Type.Object({
  title: Type.String(),
  priority: Priority,
  tags: Type.Array(Type.String()),
  status: TaskStatus,
  due_date: Type.Optional(Type.Union([DateOnly, Type.Null()])),
  due_at: Type.Optional(Type.Union([Instant, Type.Null()])),
  reminder_time: Type.Optional(Type.Union([Instant, Type.Null()])),
  series_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  recurrence_text: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type TaskSummary = Static<typeof TaskSummary>;

export const NotificationSummary = Type.Object({
  id: Uuid,
  kind: NotificationKind,
  message: Type.String(),
  target_time: Instant,
  status: NotificationStatus,
});

/** `task-updates`: lightweight changes for live UIs (backend and notifier → site). */
export const TaskUpdateEvent = topicEvent(TASK_UPDATES_VERSION, {
  change_type: ChangeType,
  summary: TaskSummary,
  notification: Type.Optional(NotificationSummary),
});
export type TaskUpdateEvent = Static<typeof TaskUpdateEvent>;
