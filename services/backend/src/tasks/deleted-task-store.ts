import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import { deletedTasks, type TaskRow } from "../db/schema.ts";
import { UUID } from "./task-store.ts";

/** How long a deleted task can be restored (the page's Undo, the chat's "undo"). */
export const RESTORE_WINDOW_MS = 24 * 3600_000;

const INSTANTS = ["dueAt", "occurrenceAt", "reminderTime", "completedAt", "createdAt", "updatedAt"] as const;

export interface DeletedTask {
  task: TaskRow;
  stoppedSeriesId: string | null;
  deletedAt: Date;
}

/** Keeps the deleted row whole, and forgets this user's deletions older than the window. */
export async function rememberDeleted(
  tx: Db,
  task: TaskRow,
  stoppedSeriesId: string | null,
  now: Date,
): Promise<void> {
  await tx
    .delete(deletedTasks)
    .where(
      and(
        eq(deletedTasks.userId, task.userId),
        lt(deletedTasks.deletedAt, new Date(now.getTime() - RESTORE_WINDOW_MS)),
      ),
    );
  const row = { id: task.id, userId: task.userId, task, stoppedSeriesId, deletedAt: now };
  await tx.insert(deletedTasks).values(row).onConflictDoUpdate({ target: deletedTasks.id, set: row });
}

/** The user's deleted task, locked, with its instants revived from JSON; undefined when never deleted. */
export async function takeDeleted(tx: Db, userId: string, id: string): Promise<DeletedTask | undefined> {
  if (!UUID.test(id)) return undefined; // found by the fuzz tier: a non-UUID id reached the uuid cast (500)
  const [row] = await tx
    .select()
    .from(deletedTasks)
    .where(and(eq(deletedTasks.id, id), eq(deletedTasks.userId, userId)))
    .for("update");
  if (!row) return undefined;
  const task = { ...(row.task as Record<string, unknown>) };
  for (const key of INSTANTS) if (typeof task[key] === "string") task[key] = new Date(task[key] as string);
  return { task: task as unknown as TaskRow, stoppedSeriesId: row.stoppedSeriesId, deletedAt: row.deletedAt };
}

export async function forgetDeleted(tx: Db, id: string): Promise<void> {
  await tx.delete(deletedTasks).where(eq(deletedTasks.id, id));
}
