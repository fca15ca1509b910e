import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { messagingMetrics, Metrics, outbox, startConsumer, type Delivered } from "@todo/messaging";
import { occurrenceTaskId, type ReminderEvent, type TaskEvent } from "@todo/schemas";
import { CONSUMER, backendHandlers } from "../src/consumers.ts";
import { recurrenceConflicts, tasks } from "../src/db/schema.ts";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

describe.each(drivers)("recurring occurrences on %s", (driver) => {
  let backend: TestBackend;
  let token: string;
  let userId: string;
  let handle: (m: Delivered) => Promise<unknown>;
  beforeAll(async () => {
    backend = await startTestBackend(driver);
    ({
      token,
      user: { id: userId },
    } = await backend.signup(undefined, "Europe/Berlin"));
    const consumer = await startConsumer({
      name: CONSUMER,
      database: backend.deps.database,
      transport: backend.deps.transport,
      handlers: backendHandlers(backend.clock, backend.deps.logger),
      metrics: messagingMetrics(new Metrics()),
    });
    handle = consumer.handle;
  });
  afterAll(() => backend.close());

  const fire = (seriesId: string, taskId: string, at: string): Delivered => {
    const event: ReminderEvent = {
      schema_version: 1,
      event_id: crypto.randomUUID(),
      event_type: "reminder.fired",
      reminder_id: crypto.randomUUID(),
      task_id: taskId,
      user_id: userId,
      timestamp: at,
      target_time: at,
      reminder_type: "recurring",
      series_id: seriesId,
      title: "submit weekly report",
    };
    return {
      topic: "reminders",
      key: taskId,
      value: JSON.stringify(event),
      headers: {},
      partition: 0,
      offset: "0",
    };
  };
  const instances = async (seriesId: string) =>
    backend.deps.database.db
      .select()
      .from(tasks)
      .where(eq(tasks.seriesId, seriesId))
      .orderBy(asc(tasks.occurrenceAt));

  test("occurrences make instances without any user action, one per occurrence, only once the previous one is done", async () => {
    const { body: first } = await backend.call("POST", "/api/tasks", {
      token,
      body: {
        title: "submit weekly report",
        priority: "high",
        tags: ["work"],
        recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
      },
    });
    const seriesId = first.series_id as string;
    const t0 = "2026-12-04T13:00:00.000Z";
    const t1 = "2026-12-11T13:00:00.000Z";
    const t2 = "2026-12-18T13:00:00.000Z";
    expect(first.id).toBe(occurrenceTaskId(seriesId, t0));

    // The first occurrence's instance exists already: its fire makes nothing new.
    await handle(fire(seriesId, occurrenceTaskId(seriesId, t0), t0));
    expect((await instances(seriesId)).map((t) => t.id)).toEqual([first.id]);

    // The next occurrence fires while the first is still pending: no instance, a recorded conflict.
    await handle(fire(seriesId, occurrenceTaskId(seriesId, t1), t1));
    expect(await instances(seriesId)).toHaveLength(1);
    const conflicts = await backend.deps.database.db
      .select()
      .from(recurrenceConflicts)
      .where(eq(recurrenceConflicts.seriesId, seriesId));
    expect(conflicts.map((c) => [c.occurrenceAt.toISOString(), c.pendingTaskId])).toEqual([[t1, first.id]]);
    // ...and tells the notifier the occurrence landed on the pending instance (FR-006 decided here, once).
    const landings = (await backend.deps.database.db.select().from(outbox))
      .map((r) => r.payload as TaskEvent)
      .filter((e) => e.event_type === "task.occurrence");
    expect(landings.map((e) => [e.occurrence?.target_time, e.task_id, e.occurrence?.outcome])).toEqual([
      [t0, first.id, "existing"],
      [t1, first.id, "pending-earlier"],
    ]);

    // Completed: the next occurrence makes the next instance, with the series' details.
    await backend.call("POST", `/api/tasks/${first.id}/complete`, { token });
    await backend.deps.database.db.delete(outbox);
    await handle(fire(seriesId, occurrenceTaskId(seriesId, t2), t2));
    await handle(fire(seriesId, occurrenceTaskId(seriesId, t2), t2)); // a second fire of the same occurrence
    const after = await instances(seriesId);
    expect(after.map((t) => [t.id, t.status, t.occurrenceAt?.toISOString(), t.dueDate])).toEqual([
      [first.id, "completed", t0, "2026-12-04"],
      [occurrenceTaskId(seriesId, t2), "pending", t2, "2026-12-18"],
    ]);
    expect(after[1]).toMatchObject({
      title: "submit weekly report",
      priority: "high",
      tags: ["work"],
      userId,
    });
    const written = await backend.deps.database.db.select().from(outbox);
    expect(
      written.map(
        (r) =>
          `${r.topic}:${(r.payload as { event_type?: string; change_type?: string }).event_type ?? (r.payload as { change_type: string }).change_type}`,
      ),
    ).toEqual([
      "task-events:task.created",
      "task-updates:created",
      "task-events:task.occurrence",
      "task-events:task.occurrence",
    ]);
    // Where each fire landed, for the notifier: the new instance, then (fired again) the same one.
    expect(
      written
        .map((r) => r.payload as TaskEvent)
        .filter((e) => e.event_type === "task.occurrence")
        .map((e) => [e.task_id, e.occurrence?.outcome, e.occurrence?.target_time, e.payload.status]),
    ).toEqual([
      [occurrenceTaskId(seriesId, t2), "created", t2, "pending"],
      [occurrenceTaskId(seriesId, t2), "existing", t2, "pending"],
    ]);

    // Visible through the API, in the user's list.
    const listed = await backend.call("GET", `/api/tasks?series_id=${seriesId}&sort=due`, { token });
    expect(listed.body.items.map((t: { status: string }) => t.status)).toEqual(["completed", "pending"]);
  });

  test("a cancelled series makes no more instances; existing ones stay", async () => {
    const { body: first } = await backend.call("POST", "/api/tasks", {
      token,
      body: { title: "standup", recurrence: { rrule: "FREQ=DAILY;BYHOUR=9" } },
    });
    await backend.call("POST", `/api/tasks/${first.id}/complete`, { token });
    await backend.call("DELETE", `/api/tasks/${first.id}/recurrence`, { token });
    const next = "2026-12-01T08:00:00.000Z";
    await backend.deps.database.db.delete(outbox);
    await handle(fire(first.series_id, occurrenceTaskId(first.series_id, next), next));
    expect((await instances(first.series_id)).map((t) => t.id)).toEqual([first.id]);
    // The fire is still told to the notifier, on the occurrence's own id, cancelled: recorded, not dropped.
    const told = (await backend.deps.database.db.select().from(outbox)).map((r) => r.payload as TaskEvent);
    expect(told.map((e) => [e.event_type, e.task_id, e.occurrence?.outcome, e.payload.status])).toEqual([
      ["task.occurrence", occurrenceTaskId(first.series_id, next), "no-series", "cancelled"],
    ]);
  });
});
