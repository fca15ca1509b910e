import { appendEvents, writeWithEvents } from "@todo/messaging";
import type { Db } from "@todo/messaging/db";
import type { SeriesRow, TaskRow, UserRow } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { Conflict, NotFound } from "@todo/service-kit";
import {
  cancelSeries,
  decideCreate,
  decidePatch,
  decideRestore,
  type CreateInput,
  type Decision,
  type PatchInput,
} from "./decide-task.ts";
import { eventsForChange } from "./task-events.ts";
import { forgetDeleted, rememberDeleted, RESTORE_WINDOW_MS, takeDeleted } from "./deleted-task-store.ts";
import { searchTasks, type TaskFilter } from "./search-tasks.ts";
import * as store from "./task-store.ts";
import { toTaskView, type TaskView } from "./task-view.ts";

type TaskDeps = Pick<Deps, "database" | "clock">;

/** An update's result: the task as it is now, and whether the update changed (and published) anything. */
export interface Updated {
  task: TaskView;
  changed: boolean;
}

const notFound = (id: string) => new NotFound(`no task with id ${id}`);

// The caller's transaction when it has one (its own writes and these commit together), else a new one.
const inTransaction = <T>(deps: TaskDeps, tx: Db | undefined, work: (tx: Db) => Promise<T>): Promise<T> =>
  tx ? work(tx) : deps.database.db.transaction(work);

/**
 * The one place a decided change is written: its series, the task row, and the events it causes,
 * all in `tx`. `before` is the row as it was (undefined for a new task).
 */
async function writeDecision(
  tx: Db,
  decision: Decision,
  before: TaskRow | undefined,
  now: Date,
): Promise<TaskView> {
  if (decision.series && decision.seriesWrite !== "none")
    await store.writeSeries(tx, decision.series, decision.seriesWrite);
  if (before) await store.updateTask(tx, decision.task);
  else await store.insertTask(tx, decision.task);
  await appendEvents(tx, eventsForChange(decision.change, before, decision.task, decision.series, now));
  return toTaskView(decision.task, decision.series);
}

/**
 * Creates a task (and its series, for a recurring one) with its events, in one transaction: the
 * caller's `tx` if given.
 * @example
 * const task = await createTask(deps, user, { title: "call mom", due_date: "2026-12-08" });
 */
export async function createTask(
  deps: TaskDeps,
  user: UserRow,
  input: CreateInput,
  tx?: Db,
): Promise<TaskView> {
  const now = deps.clock.now();
  const decision = decideCreate(input, { userId: user.id, zone: user.timezone, now });
  if (!tx && decision.seriesWrite === "none") {
    // The task row and its events in one statement: no BEGIN and COMMIT around them.
    const db = deps.database.db;
    const events = eventsForChange(decision.change, undefined, decision.task, decision.series, now);
    await writeWithEvents(db, store.insertTaskReturning(db, decision.task), events);
    return toTaskView(decision.task, decision.series);
  }
  return inTransaction(deps, tx, (tx) => writeDecision(tx, decision, undefined, now));
}

/**
 * Adds the instance another decider made for a series' occurrence (decideOccurrence), with its
 * events, inside the caller's transaction (the inbox's, for a fire).
 */
export async function addOccurrenceInstance(
  tx: Db,
  task: TaskRow,
  series: SeriesRow,
  now: Date,
): Promise<TaskView> {
  return writeDecision(tx, { task, series, seriesWrite: "none", change: "created" }, undefined, now);
}

export async function getTask(deps: TaskDeps, user: UserRow, id: string): Promise<TaskView> {
  const row = await store.findTask(deps.database.db, user.id, id);
  if (!row) throw notFound(id);
  const series = await store.findSeries(deps.database.db, [row.seriesId]);
  return toTaskView(row, row.seriesId ? series.get(row.seriesId) : null);
}

/**
 * Applies a patch. A patch that changes nothing writes nothing and publishes nothing (`changed`
 * false), so completing a completed task, or clearing an absent reminder, is harmless.
 */
export async function updateTask(
  deps: TaskDeps,
  user: UserRow,
  id: string,
  patch: PatchInput,
  require?: "recurrence",
  tx?: Db,
): Promise<Updated> {
  const now = deps.clock.now();
  if (!tx && require === undefined) {
    const updated = await updateUnlessChanged(deps, user, id, patch, now);
    if (updated) return updated;
  }
  return inTransaction(deps, tx, async (tx) => {
    const current = await store.lockTask(tx, user.id, id);
    if (!current) throw notFound(id);
    const currentSeries = current.seriesId
      ? ((await store.findSeries(tx, [current.seriesId])).get(current.seriesId) ?? null)
      : null;
    if (require === "recurrence" && !currentSeries)
      throw new Conflict(`task ${id} is not recurring`, { userMessage: "that task is not recurring" });
    const decision = decidePatch(current, currentSeries, patch, {
      userId: user.id,
      zone: user.timezone,
      now,
    });
    if (decision.seriesWrite === "none" && sameTask(current, decision.task))
      return { task: toTaskView(current, currentSeries), changed: false };
    return { task: await writeDecision(tx, decision, current, now), changed: true };
  });
}

/**
 * An update of a task outside any series in two statements and no transaction around them: the
 * task as it is (with its version), then the decided row and its events in one statement, written
 * only if nobody changed the task in between. Undefined when that does not apply (a series is
 * read or written, `require`d, or the task changed meanwhile): `updateTask` then takes the
 * locked path, which decides again.
 */
async function updateUnlessChanged(
  deps: TaskDeps,
  user: UserRow,
  id: string,
  patch: PatchInput,
  now: Date,
): Promise<Updated | undefined> {
  const db = deps.database.db;
  const found = await store.findVersionedTask(db, user.id, id);
  if (!found) throw notFound(id);
  const current = found.row;
  if (current.seriesId !== null) return undefined;
  const decision = decidePatch(current, null, patch, { userId: user.id, zone: user.timezone, now });
  if (decision.seriesWrite !== "none") return undefined;
  if (sameTask(current, decision.task)) return { task: toTaskView(current, null), changed: false };
  const events = eventsForChange(decision.change, current, decision.task, decision.series, now);
  const written = await writeWithEvents(
    db,
    store.updateTaskIfVersion(db, current, decision.task, found.version),
    events,
  );
  return written === 1 ? { task: toTaskView(decision.task, decision.series), changed: true } : undefined;
}

export async function deleteTask(deps: TaskDeps, user: UserRow, id: string, tx?: Db): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps, tx, async (tx) => {
    const current = await store.lockTask(tx, user.id, id);
    if (!current) throw notFound(id);
    let series = current.seriesId
      ? (await store.findSeries(tx, [current.seriesId])).get(current.seriesId)
      : null;
    const stopsSeries = series?.active === true;
    // Deleting a recurring task stops its series too (past instances stay): nobody expects a
    // deleted "standup" to come back next Monday.
    if (series && stopsSeries) {
      series = cancelSeries(series, now);
      await store.writeSeries(tx, series, "update");
    }
    await store.deleteTask(tx, current);
    await rememberDeleted(tx, current, stopsSeries ? current.seriesId : null, now);
    await appendEvents(tx, eventsForChange("deleted", current, current, series, now));
  });
}

/** Reopens a completed task: back to pending, completed_at cleared. */
export async function reopenTask(deps: TaskDeps, user: UserRow, id: string): Promise<TaskView> {
  return (await updateTask(deps, user, id, { status: "pending" })).task;
}

/**
 * Undoes a delete made within RESTORE_WINDOW_MS. The task is published as `task.created` again:
 * the notifier's projection sees it as live (the newer event wins), and the recurring service
 * schedules its reminder and, for a series the delete stopped, the series' next fire.
 */
export async function restoreTask(deps: TaskDeps, user: UserRow, id: string, tx?: Db): Promise<TaskView> {
  const now = deps.clock.now();
  return inTransaction(deps, tx, async (tx) => {
    if (await store.findTask(tx, user.id, id))
      throw new Conflict(`task ${id} is not deleted, so there is nothing to restore`, {
        userMessage: "that task is not deleted, so there is nothing to restore",
      });
    const deleted = await takeDeleted(tx, user.id, id);
    if (!deleted) throw notFound(id);
    if (now.getTime() - deleted.deletedAt.getTime() > RESTORE_WINDOW_MS) {
      throw new NotFound(
        `task ${id} was deleted more than 24 hours ago; a deleted task can be restored for 24 hours`,
      );
    }
    const seriesId = deleted.task.seriesId;
    const series = seriesId ? ((await store.findSeries(tx, [seriesId])).get(seriesId) ?? null) : null;
    const decision = decideRestore(deleted.task, series, deleted.stoppedSeriesId !== null, now);
    await forgetDeleted(tx, id);
    return writeDecision(tx, decision, undefined, now);
  });
}

/**
 * What the chat may do with tasks: the task service's operations for one backend, and no
 * database. Every change the chat makes goes through here, so through the outbox.
 */
export interface TaskPort {
  create(user: UserRow, input: CreateInput): Promise<TaskView>;
  get(user: UserRow, id: string): Promise<TaskView>;
  update(user: UserRow, id: string, patch: PatchInput, require?: "recurrence"): Promise<Updated>;
  remove(user: UserRow, id: string): Promise<void>;
  restore(user: UserRow, id: string): Promise<TaskView>;
  search(user: UserRow, filter: TaskFilter): Promise<{ items: TaskView[]; next_cursor: string | null }>;
}

/** The task port over this service's database and clock. */
export const taskPort = (deps: TaskDeps): TaskPort => ({
  create: (user, input) => createTask(deps, user, input),
  get: (user, id) => getTask(deps, user, id),
  update: (user, id, patch, require) => updateTask(deps, user, id, patch, require),
  remove: (user, id) => deleteTask(deps, user, id),
  restore: (user, id) => restoreTask(deps, user, id),
  search: (user, filter) => searchTasks(deps.database.db, user, filter),
});

function sameTask(a: object, b: object): boolean {
  const strip = ({ updatedAt: _u, ...rest }: Record<string, unknown>) => JSON.stringify(rest);
  return strip(a as Record<string, unknown>) === strip(b as Record<string, unknown>);
}
