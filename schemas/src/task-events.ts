import { Type, type Static } from "@sinclair/typebox";
import { DateOnly, Instant, Priority, RecurrenceRule, TaskStatus, Uuid } from "./common.ts";

export const TASK_EVENTS_TOPIC = "task-events";
export const TASK_EVENTS_VERSION = 1;

export const TaskEventType = Type.Union([
  Type.Literal("task.created"),
  Type.Literal("task.updated"),
  Type.Literal("task.completed"),
  Type.Literal("task.deleted"),
  Type.Literal("task.occurrence"),
]);
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
  outcome: Type.Union([
    Type.Literal("created"),
    Type.Literal("existing"),
    Type.Literal("pending-earlier"),
    Type.Literal("no-series"),
  ]),
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
export const TaskEvent = Type.Object({
  schema_version: Type.Literal(TASK_EVENTS_VERSION),
  event_id: Uuid,
  event_type: TaskEventType,
  task_id: Uuid,
  user_id: Uuid,
  timestamp: Instant,
  payload: TaskSnapshot,
  /** on `task.occurrence` only */
  occurrence: Type.Optional(OccurrenceLanding),
});
export type TaskEvent = Static<typeof TaskEvent>;
