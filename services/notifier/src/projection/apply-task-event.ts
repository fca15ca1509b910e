import { sql } from "drizzle-orm";
import type { TaskEvent } from "@todo/schemas";
import type { Db } from "@todo/messaging/db";
import { taskProjection } from "../db/schema.ts";

/** Folds one `task-events` event into the projection; a deletion keeps the row, marked deleted. */
export async function applyTaskEvent(tx: Db, event: TaskEvent): Promise<void> {
  const p = event.payload;
  const row = {
    taskId: event.task_id,
    userId: event.user_id,
    title: p.title,
    priority: p.priority,
    tags: p.tags,
    status: p.status,
    deleted: event.event_type === "task.deleted",
    seriesId: p.series_id,
    occurrenceAt: p.occurrence_at ? new Date(p.occurrence_at) : null,
    reminderId: p.reminder_id,
    eventAt: new Date(event.timestamp),
  };
  // Per-task order holds on one partition, but a replay may bring an older event: keep the newer.
  await tx
    .insert(taskProjection)
    .values(row)
    .onConflictDoUpdate({
      target: taskProjection.taskId,
      set: row,
      setWhere: sql`${taskProjection.eventAt} <= ${row.eventAt.toISOString()}::timestamptz`,
    });
}
