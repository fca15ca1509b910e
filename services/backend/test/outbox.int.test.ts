import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { asc, sql } from "drizzle-orm";
import { outbox } from "@todo/messaging/db";
import { validateEvent, type TopicName } from "@todo/schemas";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

describe.each(drivers)("outbox on %s", (driver) => {
  let backend: TestBackend;
  let token: string;
  let userId: string;
  beforeAll(async () => {
    backend = await startTestBackend(driver);
    ({
      token,
      user: { id: userId },
    } = await backend.signup(undefined, "Europe/Berlin"));
  });
  afterAll(() => backend.close());
  beforeEach(async () => void (await backend.deps.database.db.delete(outbox)));

  const call = (method: string, path: string, body?: unknown) => backend.call(method, path, { body, token });
  const events = async () => {
    const rows = await backend.deps.database.db.select().from(outbox).orderBy(asc(outbox.id));
    for (const row of rows) expect(validateEvent(row.topic as TopicName, row.payload)).toEqual([]);
    return rows.map((row) => {
      const p = row.payload as Record<string, any>;
      return { topic: row.topic, key: row.key, type: p.event_type ?? p.change_type, payload: p };
    });
  };
  const kinds = async () => (await events()).map((e) => `${e.topic}:${e.type}`);

  test("creating a task writes task.created and a created update, keyed by task id", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "buy milk",
      priority: "high",
      tags: ["Shopping"],
    });
    const written = await events();
    expect(written.map((e) => `${e.topic}:${e.type}`)).toEqual([
      "task-events:task.created",
      "task-updates:created",
    ]);
    expect(
      written.every(
        (e) => e.key === task.id && e.payload.task_id === task.id && e.payload.user_id === userId,
      ),
    ).toBe(true);
    expect(written[0]!.payload.payload).toMatchObject({
      title: "buy milk",
      priority: "high",
      tags: ["shopping"],
      status: "pending",
      recurrence_rule: null,
    });
    expect(written[1]!.payload.summary).toMatchObject({
      title: "buy milk",
      priority: "high",
      tags: ["shopping"],
      status: "pending",
    });
  });

  test("each mutation writes exactly its events", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "dentist appointment" });
    await backend.deps.database.db.delete(outbox);
    await call("PATCH", `/api/tasks/${task.id}`, { priority: "low" });
    expect(await kinds()).toEqual(["task-events:task.updated", "task-updates:updated"]);
    await backend.deps.database.db.delete(outbox);

    await call("PATCH", `/api/tasks/${task.id}`, { reminder_time: "2026-11-29T08:00:00Z" });
    const scheduled = await events();
    expect(scheduled.map((e) => `${e.topic}:${e.type}`)).toEqual([
      "task-events:task.updated",
      "task-updates:updated",
      "reminders:reminder.scheduled",
    ]);
    expect(scheduled[2]!.payload).toMatchObject({
      task_id: task.id,
      target_time: "2026-11-29T08:00:00.000Z",
      reminder_type: "one-time",
    });
    const reminderId = scheduled[2]!.payload.reminder_id;
    await backend.deps.database.db.delete(outbox);

    await call("PATCH", `/api/tasks/${task.id}`, { reminder_time: "2026-11-29T09:00:00Z" });
    const moved = await events();
    expect(moved.map((e) => `${e.topic}:${e.type}`)).toEqual([
      "task-events:task.updated",
      "task-updates:updated",
      "reminders:reminder.cancelled",
      "reminders:reminder.scheduled",
    ]);
    expect(moved[2]!.payload.reminder_id).toBe(reminderId);
    expect(moved[3]!.payload.reminder_id).not.toBe(reminderId);
    await backend.deps.database.db.delete(outbox);

    await call("DELETE", `/api/tasks/${task.id}/reminder`);
    expect(await kinds()).toEqual([
      "task-events:task.updated",
      "task-updates:updated",
      "reminders:reminder.cancelled",
    ]);
    await backend.deps.database.db.delete(outbox);

    await call("POST", `/api/tasks/${task.id}/complete`);
    expect(await kinds()).toEqual(["task-events:task.completed", "task-updates:completed"]);
    await backend.deps.database.db.delete(outbox);

    await call("DELETE", `/api/tasks/${task.id}`);
    const deleted = await events();
    expect(deleted.map((e) => `${e.topic}:${e.type}`)).toEqual([
      "task-events:task.deleted",
      "task-updates:deleted",
    ]);
    expect(deleted[0]!.payload.payload.title).toBe("dentist appointment");
  });

  test("a change that changes nothing writes no events", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "idle", priority: "low" });
    await call("POST", `/api/tasks/${task.id}/complete`);
    await backend.deps.database.db.delete(outbox);
    await call("POST", `/api/tasks/${task.id}/complete`);
    await call("PATCH", `/api/tasks/${task.id}`, { priority: "low" });
    await call("DELETE", `/api/tasks/${task.id}/reminder`);
    expect(await kinds()).toEqual([]);
  });

  test("a recurring task's events carry the structured rule", async () => {
    await call("POST", "/api/tasks", {
      title: "standup",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0" },
    });
    const [created] = await events();
    expect(created!.payload.payload.recurrence_rule).toMatchObject({
      rrule: expect.stringContaining("BYDAY=MO"),
      timezone: "Europe/Berlin",
      time_of_day: "09:00",
      active: true,
      series_id: expect.any(String),
    });
    expect(created!.payload.payload.occurrence_at).toBe("2026-11-30T08:00:00.000Z");
  });

  test("deleting a recurring task stops its series: the deletion event carries the inactive rule", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "standup",
      recurrence: { rrule: "FREQ=DAILY;BYHOUR=9" },
    });
    await backend.deps.database.db.delete(outbox);
    await call("DELETE", `/api/tasks/${task.id}`);
    const [deleted] = await events();
    expect(deleted!.type).toBe("task.deleted");
    expect(deleted!.payload.payload.recurrence_rule).toMatchObject({
      series_id: task.series_id,
      active: false,
    });
  });

  test("a mutation that fails leaves no event and no change", async () => {
    const before = await call("GET", "/api/tasks");
    const bad = await call("POST", "/api/tasks", {
      title: "x",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=XX" },
    });
    expect(bad.status).toBe(400);
    const { body: task } = await call("POST", "/api/tasks", { title: "keep me" });
    await backend.deps.database.db.delete(outbox);
    expect(
      (await call("PATCH", `/api/tasks/${task.id}`, { title: "changed", due_date: "2026-13-01" })).status,
    ).toBe(400);
    expect(await kinds()).toEqual([]);
    expect((await call("GET", `/api/tasks/${task.id}`)).body.title).toBe("keep me");
    expect((await call("GET", "/api/tasks")).body.items.length).toBe(before.body.items.length + 1);
  });

  test("an outbox insert that fails rolls the task change back with it", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "atomic" });
    await backend.deps.database.db.delete(outbox);
    // Make every outbox insert fail inside the transaction: the task update must not survive.
    await backend.deps.database.db.execute(
      sql`alter table outbox add constraint reject_all check (false) not valid`,
    );
    try {
      const res = await call("PATCH", `/api/tasks/${task.id}`, { title: "half-done" });
      expect(res.status).toBe(500);
      expect(res.body.error.message).not.toContain("reject_all");
    } finally {
      await backend.deps.database.db.execute(sql`alter table outbox drop constraint reject_all`);
    }
    expect((await call("GET", `/api/tasks/${task.id}`)).body.title).toBe("atomic");
    expect(await kinds()).toEqual([]);
  });
});
