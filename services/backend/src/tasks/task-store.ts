import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
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

// One statement per database, built once: every update without a caller's transaction starts with it.
const versionedTaskQueries = new WeakMap<Db, ReturnType<typeof prepareVersionedTask>>();

const prepareVersionedTask = (db: Db) =>
  db
    .select({ ...taskColumns, version: sql<string>`${tasks}.xmin::text` })
    .from(tasks)
    .where(and(eq(tasks.id, sql.placeholder("id")), eq(tasks.userId, sql.placeholder("userId"))))
    .prepare("task_versioned");

/**
 * The user's task and its version (the row's `xmin`, which every update of the row changes), read
 * without a lock: `updateTaskIfVersion` writes only if the row is still that version.
 */
export async function findVersionedTask(
  db: Db,
  userId: string,
  id: string,
): Promise<{ row: TaskRow; version: string } | undefined> {
  if (!UUID.test(id)) return undefined;
  let query = versionedTaskQueries.get(db);
  if (!query) versionedTaskQueries.set(db, (query = prepareVersionedTask(db)));
  const [found] = await query.execute({ id, userId });
  if (!found) return undefined;
  const { version, ...row } = found;
  return { row, version };
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

/** The INSERT of a new task row, returning its id: the change `writeWithEvents` writes with its events. */
export const insertTaskReturning = (db: Db, row: TaskRow): SQL =>
  db.insert(tasks).values(row).returning({ id: tasks.id }).getSQL();

/**
 * The UPDATE of a task row that is still `before` at `version` (findVersionedTask) to `after`,
 * returning its id: no row when someone changed the task in between. Only the columns that differ
 * are set (a completion sets three of twenty).
 */
export function updateTaskIfVersion(db: Db, before: TaskRow, after: TaskRow, version: string): SQL {
  const changed = Object.fromEntries(
    Object.entries(after).filter(
      ([column, value]) => JSON.stringify(before[column as keyof TaskRow]) !== JSON.stringify(value),
    ),
  );
  return db
    .update(tasks)
    .set(changed)
    .where(and(eq(tasks.id, after.id), sql`${tasks}.xmin = ${version}::xid`))
    .returning({ id: tasks.id })
    .getSQL();
}
