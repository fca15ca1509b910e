import { Type, type Static } from "@sinclair/typebox";
import { DateOnly, Instant, Priority, RecurrenceRule, TaskStatus, Uuid, literals } from "./common.ts";
import { topicEvent } from "./envelope.ts";

export const TASK_EVENTS_TOPIC = "task-events";
export const TASK_EVENTS_VERSION = 1;

export const TaskEventType = literals(
  "task.created",
  "task.updated",
  "task.completed",
  "task.deleted",
  "task.occurrence",
);
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

/**
 * Where the backend landed one fired occurrence of a series (FR-006, decided there once): on the
 * instance it made for it (`created`), on the instance that already stood for it (`existing`: the
 * series' first instance, or a repeated fire), or, with no new instance, on the series' earlier
 * instance still pending (`pending-earlier`); `no-series` when the series was cancelled (or is
 * unknown) by the time it fired: then `task_id` is the occurrence's own id and the payload says
 * `cancelled`, so the fire is recorded (suppressed), never dropped. It carries the fire's facts, so
 * the notifier notifies from this event alone, whatever order `reminders` and `task-events` arrive in.
 */
export const OccurrenceLanding = Type.Object({
  outcome: literals("created", "existing", "pending-earlier", "no-series"),
  /** the fire's reminder id (one per occurrence): one notification per occurrence */
  reminder_id: Uuid,
  /** the occurrence that fired */
  target_time: Instant,
  missed: Type.Optional(Type.Boolean()),
  all_day: Type.Optional(Type.Boolean()),
});
export type OccurrenceLanding = Static<typeof OccurrenceLanding>;

/**
 * `task-events`: published by the backend on every task mutation, keyed by `task_id`; and
 * `task.occurrence` (with `occurrence`, keyed by the instance it names) when a series' occurrence fired.
 */
export const TaskEvent = topicEvent(TASK_EVENTS_VERSION, {
  event_type: TaskEventType,
  payload: TaskSnapshot,
  /** on `task.occurrence` only */
  occurrence: Type.Optional(OccurrenceLanding),
});
export type TaskEvent = Static<typeof TaskEvent>;
