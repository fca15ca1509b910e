import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { TaskEvent } from "@todo/schemas";
import { rowsOf, type Db } from "../src/db/database.ts";
import { appendEvents } from "../src/outbox-writer.ts";
import { type ConsumerOptions, type EventHandlers, startConsumer } from "../src/inbox/consume-events.ts";
import { effects } from "./schema.ts";
import { taskSnapshot } from "../../scripts/testing/task-fixtures.ts";

export const TEST_MIGRATIONS = join(import.meta.dir, "drizzle");

/** A valid `task-events` event for the given task (a new event id each call unless given). */
export function taskEvent(taskId: string, overrides: Partial<TaskEvent> = {}): TaskEvent {
  return {
    schema_version: 1,
    event_id: crypto.randomUUID(),
    event_type: "task.created",
    task_id: taskId,
    user_id: "00000000-0000-4000-8000-000000000001",
    timestamp: new Date().toISOString(),
    payload: taskSnapshot(`task ${taskId.slice(0, 8)}`),
    ...overrides,
  };
}

/** Handlers that record one row per handled event: duplicates in `effects` mean a broken inbox. */
export function recordingHandlers(consumer: string): EventHandlers {
  return {
    "task-events": async (tx, event) => {
      await tx.insert(effects).values({ consumer, eventId: event.event_id, taskId: event.task_id });
    },
  };
}

/**
 * Starts a consumer named `name` whose handlers record what it handles (`recordingHandlers`), and
 * puts its stop on `cleanups`.
 */
export async function startRecordingConsumer(
  name: string,
  options: Omit<ConsumerOptions, "name" | "handlers">,
  cleanups: (() => Promise<unknown>)[],
) {
  const consumer = await startConsumer({ ...options, name, handlers: recordingHandlers(name) });
  cleanups.push(() => consumer.stop());
  return consumer;
}

/** Commits events through the outbox, the way a service's mutation does. */
export async function commitEvents(db: Db, events: TaskEvent[]): Promise<void> {
  await db.transaction((tx) =>
    appendEvents(
      tx,
      events.map((event) => ({ topic: "task-events" as const, event })),
    ),
  );
}

export async function effectCounts(db: Db): Promise<{ rows: number; distinct: number }> {
  const [row] = rowsOf<{ rows: number; distinct: number }>(
    await db.execute(
      sql`select count(*)::int as rows, count(distinct event_id)::int as distinct from effects`,
    ),
  );
  return row ?? { rows: 0, distinct: 0 };
}

/** Waits until `check` is true, polling; fails with `what` after the timeout. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}
