import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

describe.each(drivers)("tasks on %s", (driver) => {
  let backend: TestBackend;
  let token: string;
  beforeAll(async () => {
    backend = await startTestBackend(driver);
    token = (await backend.signup(undefined, "Europe/Berlin")).token;
  });
  afterAll(() => backend.close());
  const call = (method: string, path: string, body?: unknown, as = token) =>
    backend.call(method, path, { body, token: as });

  test("a new task defaults to medium priority, pending, no tags, and reads back the same", async () => {
    const created = await call("POST", "/api/tasks", { title: "  call mom  " });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: "call mom",
      description: "",
      status: "pending",
      priority: "medium",
      tags: [],
      due_date: null,
      due_at: null,
      recurrence_rule: null,
      reminder_time: null,
      completed_at: null,
    });
    const read = await call("GET", `/api/tasks/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  test("tags are lowercased, trimmed and de-duplicated", async () => {
    const res = await call("POST", "/api/tasks", {
      title: "slides",
      tags: ["Work", " work", "Presentation ", "#Urgent"],
    });
    expect(res.body.tags).toEqual(["work", "presentation", "urgent"]);
  });

  test("tags_add keeps existing tags and tags_remove removes only the one named", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "buy flight tickets",
      priority: "high",
      tags: ["travel", "urgent"],
    });
    const added = await call("PATCH", `/api/tasks/${task.id}`, { tags_add: ["Expense"] });
    expect(added.body.tags).toEqual(["travel", "urgent", "expense"]);
    const removed = await call("PATCH", `/api/tasks/${task.id}`, { tags_remove: ["URGENT"] });
    expect(removed.body.tags).toEqual(["travel", "expense"]);
    const both = await call("PATCH", `/api/tasks/${task.id}`, { tags: ["a"], tags_add: ["b"] });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain("tags");
  });

  test("priority changes, and an unknown priority is a 400 naming the field", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "water plants" });
    expect((await call("PATCH", `/api/tasks/${task.id}`, { priority: "low" })).body.priority).toBe("low");
    const bad = await call("PATCH", `/api/tasks/${task.id}`, { priority: "urgent" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("priority");
  });

  test("due_at sets due_date to its date in the user's zone", async () => {
    // 23:30 UTC on 4 Dec is already 5 Dec in Berlin.
    const res = await call("POST", "/api/tasks", { title: "late call", due_at: "2026-12-04T23:30:00Z" });
    expect(res.body).toMatchObject({ due_at: "2026-12-04T23:30:00.000Z", due_date: "2026-12-05" });
    const mismatch = await call("POST", "/api/tasks", {
      title: "x",
      due_at: "2026-12-04T23:30:00Z",
      due_date: "2026-12-04",
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toContain("due_date");
  });

  test("a due date that does not exist is a 400", async () => {
    const res = await call("POST", "/api/tasks", { title: "x", due_date: "2026-02-30" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("due_date");
  });

  test("completing sets completed_at; completing again changes nothing", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "finish report" });
    backend.clock.advance(60_000);
    const done = await call("POST", `/api/tasks/${task.id}/complete`);
    expect(done.body).toMatchObject({ status: "completed", completed_at: backend.clock.now().toISOString() });
    backend.clock.advance(60_000);
    const again = await call("POST", `/api/tasks/${task.id}/complete`);
    expect(again.body).toEqual(done.body);
    const reopened = await call("PATCH", `/api/tasks/${task.id}`, { status: "pending" });
    expect(reopened.body).toMatchObject({ status: "pending", completed_at: null });
  });

  test("delete answers 204 and the task is gone", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "temporary" });
    const res = await call("DELETE", `/api/tasks/${task.id}`);
    expect(res.status).toBe(204);
    expect((await call("GET", `/api/tasks/${task.id}`)).status).toBe(404);
    expect((await call("DELETE", `/api/tasks/${task.id}`)).status).toBe(404);
  });

  test("another user's task is a 404 for every route, and stays unchanged", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "private", tags: ["mine"] });
    const other = (await backend.signup()).token;
    for (const [method, path, body] of [
      ["GET", `/api/tasks/${task.id}`],
      ["PATCH", `/api/tasks/${task.id}`, { title: "stolen" }],
      ["POST", `/api/tasks/${task.id}/complete`],
      ["DELETE", `/api/tasks/${task.id}/reminder`],
      ["DELETE", `/api/tasks/${task.id}/recurrence`],
      ["DELETE", `/api/tasks/${task.id}`],
    ] as const) {
      const res = await call(method, path, body, other);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await call("GET", "/api/tasks", undefined, other)).body.items).toEqual([]);
    expect((await call("GET", `/api/tasks/${task.id}`)).body).toEqual(task);
  });

  test("a recurring task is the first instance of its series, due at the first occurrence in the user's zone", async () => {
    const res = await call("POST", "/api/tasks", {
      title: "submit weekly report",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
    });
    expect(res.status).toBe(201);
    // Friday 4 Dec 2026, 14:00 in Berlin (UTC+1) is 13:00Z.
    expect(res.body).toMatchObject({
      occurrence_at: "2026-12-04T13:00:00.000Z",
      due_at: "2026-12-04T13:00:00.000Z",
      due_date: "2026-12-04",
      series_id: expect.any(String),
    });
    expect(res.body.recurrence_rule).toMatchObject({
      timezone: "Europe/Berlin",
      frequency: "weekly",
      interval: 1,
      weekdays: ["FR"],
      time_of_day: "14:00",
      text: "every Friday at 2 PM",
      active: true,
    });
    const cancelled = await call("DELETE", `/api/tasks/${res.body.id}/recurrence`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.recurrence_rule.active).toBe(false);
    expect(cancelled.body.status).toBe("pending");
  });

  test("cancelling the recurrence of a task that has none is a 409", async () => {
    const { body: task } = await call("POST", "/api/tasks", { title: "one-off" });
    expect((await call("DELETE", `/api/tasks/${task.id}/recurrence`)).status).toBe(409);
  });

  test("an RRULE that does not parse is a 400 naming recurrence.rrule", async () => {
    for (const rrule of [
      "FREQ=SOMETIMES",
      "BYDAY=MO",
      "FREQ=WEEKLY;BYDAY=XX",
      "FREQ=MONTHLY;BYMONTHDAY=40",
      "nonsense",
      "FREQ=HOURLY",
    ]) {
      const res = await call("POST", "/api/tasks", { title: "bad rule", recurrence: { rrule } });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe("recurrence.rrule");
    }
    const zone = await call("POST", "/api/tasks", {
      title: "bad zone",
      recurrence: { rrule: "FREQ=DAILY", timezone: "Atlantis/Capital" },
    });
    expect(zone.body.error.field).toBe("recurrence.timezone");
  });

  test("a reminder is stored, moved and cleared", async () => {
    const { body: task } = await call("POST", "/api/tasks", {
      title: "dentist appointment",
      reminder_time: "2026-11-29T08:00:00Z",
    });
    expect(task.reminder_time).toBe("2026-11-29T08:00:00.000Z");
    const moved = await call("PATCH", `/api/tasks/${task.id}`, {
      reminder_time: "2026-11-29T09:00:00+01:00",
    });
    expect(moved.body.reminder_time).toBe("2026-11-29T08:00:00.000Z");
    const cleared = await call("DELETE", `/api/tasks/${task.id}/reminder`);
    expect(cleared.body.reminder_time).toBeNull();
    const past = await call("PATCH", `/api/tasks/${task.id}`, { reminder_time: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error.field).toBe("reminder_time");
  });

  test("bad input gets a clear 4xx and never a 500", async () => {
    const cases: [string, string, unknown, number][] = [
      ["POST", "/api/tasks", "{not json", 400],
      ["POST", "/api/tasks", {}, 400],
      ["POST", "/api/tasks", { title: "" }, 400],
      ["POST", "/api/tasks", { title: "   " }, 400],
      ["POST", "/api/tasks", { title: 42 }, 400],
      ["POST", "/api/tasks", { title: "x", tags: "work" }, 400],
      ["POST", "/api/tasks", { title: "x", tags: [""] }, 400],
      ["POST", "/api/tasks", { title: "x", due_at: "tomorrow" }, 400],
      ["POST", "/api/tasks", { title: "x", unknown_field: 1 }, 400],
      ["POST", "/api/tasks", [1, 2], 400],
      ["POST", "/api/tasks", "null", 400],
      ["PATCH", "/api/tasks/not-a-uuid", { title: "x" }, 404],
      ["GET", "/api/tasks/00000000-0000-0000-0000-000000000000", undefined, 404],
      ["GET", "/api/tasks?limit=0", undefined, 400],
      ["GET", "/api/tasks?limit=501", undefined, 400],
      ["GET", "/api/tasks?status=maybe", undefined, 400],
      ["GET", "/api/tasks?due_from=yesterday", undefined, 400],
      ["GET", "/api/tasks?cursor=garbage", undefined, 400],
      ["GET", "/api/tasks?sort=random", undefined, 400],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await call(method, path, body);
      expect({ method, path, body, status: res.status }).toEqual({ method, path, body, status });
      expect(res.body.error).toEqual(
        expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      );
    }
  });

  test("a body over the size limit is a 413", async () => {
    const res = await call("POST", "/api/tasks", { title: "big", description: "x".repeat(70_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });
});
