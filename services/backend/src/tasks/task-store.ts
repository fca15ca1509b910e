import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import { series, taskColumns, tasks, type SeriesRow, type TaskRow } from "../db/schema.ts";

/** A task id can only be a UUID; anything else is no task of anyone's (a 404, never a cast error). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's task, locked for the rest of the transaction; undefined for another user's task. */
export async function lockTask(tx: Db, userId: string, id: string): Promise<TaskRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await tx
    .select(taskColumns)
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .for("update");
  return row;
}

export async function findTask(db: Db, userId: string, id: string): Promise<TaskRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db
    .select(taskColumns)
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
  return row;
}

export async function findSeries(db: Db, ids: (string | null)[]): Promise<Map<string, SeriesRow>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(series).where(inArray(series.id, wanted));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function writeSeries(tx: Db, row: SeriesRow, mode: "insert" | "update"): Promise<void> {
  if (mode === "insert") await tx.insert(series).values(row);
  else await tx.update(series).set(row).where(eq(series.id, row.id));
}

export async function insertTask(tx: Db, row: TaskRow): Promise<void> {
  await tx.insert(tasks).values(row);
}

export async function updateTask(tx: Db, row: TaskRow): Promise<void> {
  await tx.update(tasks).set(row).where(eq(tasks.id, row.id));
}

export async function deleteTask(tx: Db, row: TaskRow): Promise<void> {
  await tx.delete(tasks).where(eq(tasks.id, row.id));
}
