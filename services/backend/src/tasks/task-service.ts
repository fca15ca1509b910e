import { appendEvents } from "@todo/outbox";
import type { UserRow } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { Conflict, NotFound } from "@todo/outbox/runtime";
import { cancelSeries, decideCreate, decidePatch, decideRestore, type CreateInput, type PatchInput } from "./decide-task.ts";
import { eventsForChange } from "./task-events.ts";
import { forgetDeleted, rememberDeleted, RESTORE_WINDOW_MS, takeDeleted } from "./deleted-task-store.ts";
import * as store from "./task-store.ts";
import { toTaskView, type TaskView } from "./task-view.ts";

type TaskDeps = Pick<Deps, "database" | "clock">;

const notFound = (id: string) => new NotFound(`no task with id ${id}`);

/** Creates a task (and its series, for a recurring one) with its events, in one transaction. */
export async function createTask(deps: TaskDeps, user: UserRow, input: CreateInput): Promise<TaskView> {
  const now = deps.clock.now();
  const decision = decideCreate(input, { userId: user.id, zone: user.timezone, now });
  return deps.database.db.transaction(async (tx) => {
    if (decision.series) await store.writeSeries(tx, decision.series, "insert");
    await store.insertTask(tx, decision.task);
    await appendEvents(tx, eventsForChange("created", undefined, decision.task, decision.series, now));
    return toTaskView(decision.task, decision.series);
  });
}

export async function getTask(deps: TaskDeps, user: UserRow, id: string): Promise<TaskView> {
  const row = await store.findTask(deps.database.db, user.id, id);
  if (!row) throw notFound(id);
  const series = await store.findSeries(deps.database.db, [row.seriesId]);
  return toTaskView(row, row.seriesId ? series.get(row.seriesId) : null);
}

/**
 * Applies a patch. A patch that changes nothing writes nothing and publishes nothing, so
 * completing a completed task, or clearing an absent reminder, is harmless.
 */
export async function updateTask(deps: TaskDeps, user: UserRow, id: string, patch: PatchInput, require?: "recurrence"): Promise<TaskView> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const current = await store.lockTask(tx, user.id, id);
    if (!current) throw notFound(id);
    const currentSeries = current.seriesId ? ((await store.findSeries(tx, [current.seriesId])).get(current.seriesId) ?? null) : null;
    if (require === "recurrence" && !currentSeries) throw new Conflict(`task ${id} is not recurring`, { userMessage: "that task is not recurring" });
    const decision = decidePatch(current, currentSeries, patch, { userId: user.id, zone: user.timezone, now });
    if (decision.seriesWrite === "none" && sameTask(current, decision.task)) return toTaskView(current, currentSeries);
    if (decision.series && decision.seriesWrite !== "none") await store.writeSeries(tx, decision.series, decision.seriesWrite);
    await store.updateTask(tx, decision.task);
    await appendEvents(tx, eventsForChange(decision.change, current, decision.task, decision.series, now));
    return toTaskView(decision.task, decision.series);
  });
}

export async function deleteTask(deps: TaskDeps, user: UserRow, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.database.db.transaction(async (tx) => {
    const current = await store.lockTask(tx, user.id, id);
    if (!current) throw notFound(id);
    let series = current.seriesId ? (await store.findSeries(tx, [current.seriesId])).get(current.seriesId) : null;
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
export function reopenTask(deps: TaskDeps, user: UserRow, id: string): Promise<TaskView> {
  return updateTask(deps, user, id, { status: "pending" });
}

/**
 * Undoes a delete made within RESTORE_WINDOW_MS. The task is published as `task.created` again:
 * the notifier's projection sees it as live (the newer event wins), and the recurring service
 * schedules its reminder and, for a series the delete stopped, the series' next fire.
 */
export async function restoreTask(deps: TaskDeps, user: UserRow, id: string): Promise<TaskView> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    if (await store.findTask(tx, user.id, id)) throw new Conflict(`task ${id} is not deleted, so there is nothing to restore`, { userMessage: "that task is not deleted, so there is nothing to restore" });
    const deleted = await takeDeleted(tx, user.id, id);
    if (!deleted) throw notFound(id);
    if (now.getTime() - deleted.deletedAt.getTime() > RESTORE_WINDOW_MS) {
      throw new NotFound(`task ${id} was deleted more than 24 hours ago; a deleted task can be restored for 24 hours`);
    }
    const seriesId = deleted.task.seriesId;
    const series = seriesId ? ((await store.findSeries(tx, [seriesId])).get(seriesId) ?? null) : null;
    const decision = decideRestore(deleted.task, series, deleted.stoppedSeriesId !== null, now);
    if (decision.series && decision.seriesWrite !== "none") await store.writeSeries(tx, decision.series, decision.seriesWrite);
    await store.insertTask(tx, decision.task);
    await forgetDeleted(tx, id);
    await appendEvents(tx, eventsForChange("created", undefined, decision.task, decision.series, now));
    return toTaskView(decision.task, decision.series);
  });
}

function sameTask(a: object, b: object): boolean {
  const strip = ({ updatedAt: _u, ...rest }: Record<string, unknown>) => JSON.stringify(rest);
  return strip(a as Record<string, unknown>) === strip(b as Record<string, unknown>);
}
