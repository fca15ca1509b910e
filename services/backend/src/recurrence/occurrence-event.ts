import {
  type AnyEvent,
  type OccurrenceLanding,
  type ReminderEvent,
  TASK_EVENTS_VERSION,
  type TaskSnapshot,
} from "@todo/schemas";
import type { SeriesRow } from "../db/schema.ts";
import { snapshotOf } from "../tasks/task-view.ts";
import type { Materialized } from "./materialize-occurrence.ts";

interface Landing {
  outcome: OccurrenceLanding["outcome"];
  taskId: string;
  userId: string;
  payload: TaskSnapshot;
}

/**
 * The instance an occurrence lands on: made for it, standing for it already, or earlier and still
 * pending. A fire of a cancelled or unknown series lands on no instance: it is told as the
 * occurrence's own id with a `cancelled` snapshot, so the notifier records it (suppressed).
 */
function landing(fire: ReminderEvent, decision: Materialized, series: SeriesRow | undefined): Landing {
  const on = (outcome: Landing["outcome"], task: Parameters<typeof snapshotOf>[0]): Landing => ({
    outcome,
    taskId: task.id,
    userId: task.userId,
    payload: snapshotOf(task, series),
  });
  switch (decision.outcome) {
    case "created":
      return on("created", decision.task);
    case "exists":
      return on("existing", decision.existing);
    case "conflict":
      return on("pending-earlier", decision.pending);
    default:
      return {
        outcome: "no-series",
        taskId: fire.task_id,
        userId: fire.user_id,
        payload: {
          title: fire.title ?? "recurring task",
          description: "",
          priority: "medium",
          tags: [],
          due_date: null,
          due_at: null,
          recurrence_rule: null,
          series_id: fire.series_id ?? null,
          occurrence_at: fire.target_time,
          reminder_id: null,
          reminder_time: null,
          status: "cancelled",
          completed_at: null,
        },
      };
  }
}

/**
 * The `task.occurrence` event that tells the notifier where an occurrence landed (FR-006 is
 * decided in the backend, once): keyed by that instance, with its snapshot and the fire's own
 * facts, so the notifier needs nothing else to notify. One per recurring fire the backend handles.
 */
export function occurrenceEvent(
  fire: ReminderEvent,
  decision: Materialized,
  series: SeriesRow | undefined,
  now: Date,
): AnyEvent {
  const landed = landing(fire, decision, series);
  const occurrence: OccurrenceLanding = {
    outcome: landed.outcome,
    reminder_id: fire.reminder_id,
    target_time: fire.target_time,
  };
  if (fire.missed !== undefined) occurrence.missed = fire.missed;
  if (fire.all_day !== undefined) occurrence.all_day = fire.all_day;
  return {
    topic: "task-events",
    event: {
      schema_version: TASK_EVENTS_VERSION,
      event_id: crypto.randomUUID(),
      event_type: "task.occurrence",
      task_id: landed.taskId,
      user_id: landed.userId,
      timestamp: now.toISOString(),
      payload: landed.payload,
      occurrence,
    },
  };
}
