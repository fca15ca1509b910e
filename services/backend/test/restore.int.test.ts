import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { asc } from "drizzle-orm";
import { outbox } from "@todo/messaging/db";
import { validateEvent, type TopicName } from "@todo/schemas";
import { drivers, START, startTestBackend, type TestBackend } from "./harness.ts";

describe.each(drivers)("undoing a delete or a completion on %s", (driver) => {
  let backend: TestBackend;
  let token: string;
  beforeAll(async () => {
    backend = await startTestBackend(driver);
    token = (await backend.signup(undefined, "Europe/Berlin")).token;
  });
  afterAll(() => backend.close());
  beforeEach(() => backend.clock.set(START));
  const call = (method: string, path: string, body?: unknown, as = token) =>
    backend.call(method, path, { body, token: as });
  const clearOutbox = async () => void (await backend.deps.database.db.delete(outbox));
  const published = async () => {
    const rows = await backend.deps.database.db.select().from(outbox).orderBy(asc(outbox.id));
    for (const row of rows) expect(validateEvent(row.topic as TopicName, row.payload)).toEqual([]);
    return rows.map((row) => ({
      kind: `${row.topic}:${(row.payload as any).event_type ?? (row.payload as any).change_type}`,
      payload: row.payload as any,
    }));
  };

  test("a deleted task is restored as it was and published as created again, with its reminder", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "call the bank",
      priority: "high",
      tags: ["money"],
      due_at: "2026-11-30T09:00:00Z",
      reminder_time: "2026-11-30T08:45:00Z",
    });
    expect((await call("DELETE", `/api/tasks/${task.id}`)).status).toBe(204);
    await clearOutbox();
    const restored = await call("POST", `/api/tasks/${task.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      id: task.id,
      title: "call the bank",
      priority: "high",
      tags: ["money"],
      due_at: task.due_at,
      reminder_time: task.reminder_time,
      status: "pending",
    });
    expect((await call("GET", `/api/tasks/${task.id}`)).body.title).toBe("call the bank");
    const events = await published();
    expect(events.map((e) => e.kind)).toEqual([
      "task-events:task.created",
      "task-updates:created",
      "reminders:reminder.scheduled",
    ]);
    expect(events[2]!.payload).toMatchObject({ task_id: task.id, target_time: "2026-11-30T08:45:00.000Z" });
  });

  test("restoring a deleted recurring task starts its series again, so the recurring service schedules it", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "standup",
      recurrence: { rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0" },
    });
    await call("DELETE", `/api/tasks/${task.id}`);
    await clearOutbox();
    const restored = await call("POST", `/api/tasks/${task.id}/restore`);
    expect(restored.body.recurrence_rule).toMatchObject({ rrule: task.recurrence_rule.rrule, active: true });
    const [created] = await published();
    expect(created!.kind).toBe("task-events:task.created");
    expect(created!.payload.payload.recurrence_rule).toMatchObject({
      series_id: task.series_id,
      active: true,
    });
  });

  test("a series cancelled before the delete stays cancelled after the restore", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "gym",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=7;BYMINUTE=0" },
    });
    await call("DELETE", `/api/tasks/${task.id}/recurrence`);
    await call("DELETE", `/api/tasks/${task.id}`);
    expect((await call("POST", `/api/tasks/${task.id}/restore`)).body.recurrence_rule.active).toBe(false);
  });

  test("a reminder whose time passed while the task was deleted is dropped, not fired late", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "water plants",
      reminder_time: "2026-11-28T12:00:00Z",
    });
    await call("DELETE", `/api/tasks/${task.id}`);
    backend.clock.advance(3 * 3600_000);
    expect((await call("POST", `/api/tasks/${task.id}/restore`)).body).toMatchObject({
      title: "water plants",
      reminder_time: null,
    });
  });

  test("restoring twice, a task never deleted, or one deleted over 24 hours ago is refused with the reason", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "pay rent" });
    expect(await call("POST", `/api/tasks/${task.id}/restore`)).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining("not deleted") } },
    });
    await call("DELETE", `/api/tasks/${task.id}`);
    expect((await call("POST", `/api/tasks/${task.id}/restore`)).status).toBe(200);
    expect((await call("POST", `/api/tasks/${task.id}/restore`)).status).toBe(409);
    expect((await call("POST", `/api/tasks/${crypto.randomUUID()}/restore`)).status).toBe(404);
    expect((await call("POST", `/api/tasks/not-a-uuid/restore`)).status).toBe(404); // was a 500 (found by the fuzz tier)

    const { body: old } = await call("POST", "/api/tasks", { title: "old errand" });
    await call("DELETE", `/api/tasks/${old.id}`);
    backend.clock.advance(25 * 3600_000);
    expect(await call("POST", `/api/tasks/${old.id}/restore`)).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringContaining("24 hours") } },
    });
  });

  test("another user cannot restore my deleted task", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "private" });
    await call("DELETE", `/api/tasks/${task.id}`);
    const other = (await backend.signup()).token;
    expect((await call("POST", `/api/tasks/${task.id}/restore`, undefined, other)).status).toBe(404);
    expect((await call("POST", `/api/tasks/${task.id}/restore`)).status).toBe(200);
  });

  test("reopening a completed task makes it pending again and clears completed_at", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "buy milk" });
    await call("POST", `/api/tasks/${task.id}/complete`);
    await clearOutbox();
    const reopened = await call("POST", `/api/tasks/${task.id}/reopen`);
    expect(reopened.body).toMatchObject({ status: "pending", completed_at: null });
    expect((await published()).map((e) => e.kind)).toEqual([
      "task-events:task.updated",
      "task-updates:updated",
    ]);
  });
});
