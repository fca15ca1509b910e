import type { AnyEvent, OccurrenceLanding, ReminderEvent } from "@todo/schemas";
import type { SeriesRow, TaskRow } from "../db/schema.ts";
import { snapshotOf } from "../tasks/task-view.ts";
import type { Materialized } from "./materialize-occurrence.ts";

/** The instance an occurrence lands on: made for it, standing for it already, or earlier and still pending. */
function landing(
  decision: Materialized,
): { outcome: OccurrenceLanding["outcome"]; task: TaskRow } | undefined {
  switch (decision.outcome) {
    case "created":
      return { outcome: "created", task: decision.task };
    case "exists":
      return { outcome: "existing", task: decision.existing };
    case "conflict":
      return { outcome: "pending-earlier", task: decision.pending };
    default:
      return undefined; // an unknown or cancelled series: the occurrence lands nowhere
  }
}

/**
 * The `task.occurrence` event that tells the notifier where an occurrence landed (FR-006 is
 * decided in the backend, once): keyed by that instance, with its snapshot and the fire's own
 * facts, so the notifier needs nothing else to notify. None when the occurrence landed nowhere.
 */
export function occurrenceEvent(
  fire: ReminderEvent,
  decision: Materialized,
  series: SeriesRow | undefined,
  now: Date,
): AnyEvent | undefined {
  const landed = landing(decision);
  if (!landed) return undefined;
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
      schema_version: 1,
      event_id: crypto.randomUUID(),
      event_type: "task.occurrence",
      task_id: landed.task.id,
      user_id: landed.task.userId,
      timestamp: now.toISOString(),
      payload: snapshotOf(landed.task, series),
      occurrence,
    },
  };
}
