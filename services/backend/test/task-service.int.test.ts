import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { rowsOf } from "@todo/messaging/db";
import { findUserById } from "../src/auth/users.ts";
import type { UserRow } from "../src/db/schema.ts";
import { createTask, getTask, updateTask } from "../src/tasks/task-service.ts";
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
});
