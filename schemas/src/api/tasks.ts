import { Type, type Static } from "@sinclair/typebox";
import { Instant, RecurrenceRule, Uuid } from "../common.ts";
import { TaskSnapshot } from "../task-events.ts";

/** API.md's `recurrence`: the rule events carry, without its series id (the task has `series_id`). */
export const RecurrenceView = Type.Omit(RecurrenceRule, ["series_id"]);
export type RecurrenceView = Static<typeof RecurrenceView>;

/**
 * API.md's `task`: the fields of the `task-events` snapshot (its reminder id stays internal), with
 * the task's id and times, and the rule as `recurrence`.
 */
export const TaskView = Type.Composite([
  Type.Object({ id: Uuid }),
  Type.Omit(TaskSnapshot, ["reminder_id", "recurrence_rule"]),
  Type.Object({
    recurrence_rule: Type.Union([RecurrenceView, Type.Null()]),
    created_at: Instant,
    updated_at: Instant,
  }),
]);
export type TaskView = Static<typeof TaskView>;

/** `GET /api/tasks`: one page of tasks and the cursor of the next, null on the last. */
export const TaskPage = Type.Object({
  items: Type.Array(TaskView),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});
export type TaskPage = Static<typeof TaskPage>;
