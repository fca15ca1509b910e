import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { writeWithEvents } from "@todo/messaging";
import { rowsOf, type Db } from "@todo/messaging/db";
import { findUserById } from "../src/auth/users.ts";
import type { UserRow } from "../src/db/schema.ts";
import { eventsForChange } from "../src/tasks/task-events.ts";
import { createTask, getTask, updateTask } from "../src/tasks/task-service.ts";
import { findVersionedTask, updateTaskIfVersion } from "../src/tasks/task-store.ts";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

describe.each(drivers)("the task service on %s", (driver) => {
  let backend: TestBackend;
  let user: UserRow;
  beforeAll(async () => {
    backend = await startTestBackend(driver);
    user = (await findUserById(backend.deps.database.db, (await backend.signup()).user.id))!;
  });
  afterAll(() => backend.close());
  const outboxRows = async () =>
    rowsOf<{ n: number }>(
      await backend.deps.database.db.execute(sql`select count(*)::int as n from outbox`),
    )[0]!.n;

  test("an update says whether it changed the task; one that changes nothing writes and publishes nothing", async () => {
    const task = await createTask(backend.deps, user, { title: "call mom" });
    const first = await updateTask(backend.deps, user, task.id, { status: "completed" });
    expect([first.changed, first.task.status]).toEqual([true, "completed"]);
    const published = await outboxRows();
    const again = await updateTask(backend.deps, user, task.id, { status: "completed" });
    expect([again.changed, again.task.status]).toEqual([false, "completed"]);
    expect(await outboxRows()).toBe(published);
  });

  test("a write in the caller's transaction commits and rolls back with it, events included", async () => {
    const published = await outboxRows();
    let created: string | undefined;
    await expect(
      backend.deps.database.db.transaction(async (tx) => {
        created = (await createTask(backend.deps, user, { title: "never happened" }, tx)).id;
        throw new Error("the caller's work failed");
      }),
    ).rejects.toThrow("the caller's work failed");
    await expect(getTask(backend.deps, user, created!)).rejects.toThrow("no task with id");
    expect(await outboxRows()).toBe(published);
  });

  test("a write of a task someone changed since it was read writes nothing and adds no event", async () => {
    const db = backend.deps.database.db;
    const task = await createTask(backend.deps, user, { title: "water plants" });
    const read = (await findVersionedTask(db, user.id, task.id))!;
    await updateTask(backend.deps, user, task.id, { title: "water the plants" });
    const published = await outboxRows();
    const stale = { ...read.row, status: "completed" as const, completedAt: new Date() };
    const events = eventsForChange("completed", read.row, stale, null, new Date());
    expect(await writeWithEvents(db, updateTaskIfVersion(db, read.row, stale, read.version), events)).toBe(0);
    expect((await getTask(backend.deps, user, task.id)).status).toBe("pending");
    expect(await outboxRows()).toBe(published);
  });

  test("an update decides again on the task as it is when someone changed it between its read and its write", async () => {
    const db = backend.deps.database.db;
    const task = await createTask(backend.deps, user, { title: "buy milk" });
    // The other change lands right before this update's write (its first execute).
    let raced = false;
    const racing = new Proxy(db, {
      get(target, property) {
        if (property !== "execute" || raced) return Reflect.get(target, property);
        return async (query: Parameters<Db["execute"]>[0]) => {
          raced = true;
          await updateTask(backend.deps, user, task.id, { title: "buy oat milk" });
          return target.execute(query);
        };
      },
    });
    const deps = { ...backend.deps, database: { ...backend.deps.database, db: racing } };
    const published = await outboxRows();
    const updated = await updateTask(deps, user, task.id, { status: "completed" });
    expect(raced).toBe(true);
    expect([updated.changed, updated.task.title, updated.task.status]).toEqual([
      true,
      "buy oat milk",
      "completed",
    ]);
    const now = await getTask(backend.deps, user, task.id);
    expect([now.title, now.status]).toEqual(["buy oat milk", "completed"]);
    // The rename's two events and the completion's two: none of the write that was refused.
    expect(await outboxRows()).toBe(published + 4);
  });
});
