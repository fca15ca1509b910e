import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { TaskEvent } from "@todo/schemas";
import { testDrivers } from "../../../scripts/testing/fresh-database.ts";
import { occurrenceReminderId, occurrenceTaskId } from "@todo/schemas";
import { fired, NOW, occurred, startTestNotifier, taskEvent, USER } from "./harness.ts";

describe.each(testDrivers)("notifier on %s", (driver) => {
  let n: Awaited<ReturnType<typeof startTestNotifier>>;
  beforeEach(async () => void (n = await startTestNotifier(driver)));
  afterEach(() => n.close());

  const task = () => crypto.randomUUID();
  const reminder = () => crypto.randomUUID();

  test("a reminder for a pending task is delivered, listed, and pushed to the user's pages", async () => {
    const [t, r] = [task(), reminder()];
    await n.send(
      "task-events",
      taskEvent(t, "task.created", { reminder_id: r, reminder_time: NOW.toISOString() }),
    );
    await n.settle();
    await n.send("reminders", fired(t, r));
    await n.settle();
    const list = await n.call("GET", "/api/notifications", await n.token(USER));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: expect.any(String),
        task_id: t,
        title: "dentist appointment",
        message: "Reminder: dentist appointment",
        kind: "reminder",
        target_time: NOW.toISOString(),
        delivered_at: NOW.toISOString(),
        status: "delivered",
        read_at: null,
        all_day: false,
      },
    ]);
    expect(list.body.unread_count).toBe(1);
    expect(n.updates).toEqual([
      expect.objectContaining({
        task_id: t,
        user_id: USER,
        change_type: "reminder",
        notification: expect.objectContaining({
          status: "delivered",
          message: "Reminder: dentist appointment",
        }),
      }),
    ]);
  });

  test("a reminder whose task was completed first is recorded as suppressed and not shown", async () => {
    const [t, r] = [task(), reminder()];
    await n.send("task-events", taskEvent(t, "task.created", { reminder_id: r }));
    await n.send(
      "task-events",
      taskEvent(t, "task.completed", { reminder_id: r }, new Date(NOW.getTime() + 1)),
    );
    await n.settle();
    await n.send("reminders", fired(t, r));
    await n.settle();
    expect((await n.storedFor(r)).map((x) => x.status)).toEqual(["suppressed"]);
    expect((await n.call("GET", "/api/notifications", await n.token(USER))).body.items).toEqual([]);
    expect(n.updates).toEqual([]);
  });

  test("a reminder whose task was deleted first is suppressed", async () => {
    const [t, r] = [task(), reminder()];
    await n.send("task-events", taskEvent(t, "task.created", { reminder_id: r }));
    await n.send(
      "task-events",
      taskEvent(t, "task.deleted", { reminder_id: r }, new Date(NOW.getTime() + 1)),
    );
    await n.settle();
    await n.send("reminders", fired(t, r));
    await n.settle();
    expect((await n.storedFor(r))[0]!.status).toBe("suppressed");
  });

  test("a fire for a reminder that was moved since is recorded as cancelled", async () => {
    const [t, oldR, newR] = [task(), reminder(), reminder()];
    await n.send("task-events", taskEvent(t, "task.created", { reminder_id: oldR }));
    await n.send(
      "task-events",
      taskEvent(t, "task.updated", { reminder_id: newR }, new Date(NOW.getTime() + 1)),
    );
    await n.settle();
    await n.send("reminders", fired(t, oldR));
    await n.settle();
    expect((await n.storedFor(oldR))[0]!.status).toBe("cancelled");
  });

  test("a fire published as missed is stored and shown as missed", async () => {
    const [t, r] = [task(), reminder()];
    await n.send("task-events", taskEvent(t, "task.created", { reminder_id: r }));
    await n.settle();
    await n.send("reminders", fired(t, r, { missed: true }));
    await n.settle();
    const items = (await n.call("GET", "/api/notifications", await n.token(USER))).body.items;
    expect(items.map((i: { status: string; message: string }) => [i.status, i.message])).toEqual([
      ["missed", "Missed reminder: dentist appointment"],
    ]);
  });

  test("a duplicate reminder.fired, redelivered or re-fired, creates no second notification", async () => {
    const [t, r] = [task(), reminder()];
    await n.send("task-events", taskEvent(t, "task.created", { reminder_id: r }));
    await n.settle();
    const event = fired(t, r);
    for (let i = 0; i < 10; i++) await n.send("reminders", event);
    for (let i = 0; i < 5; i++) await n.send("reminders", fired(t, r)); // same fire, new event ids
    await n.settle();
    expect(await n.storedFor(r)).toHaveLength(1);
    expect(n.updates).toHaveLength(1);
  });

  test("fires taken in one batch get the outcome each would get alone", async () => {
    const [pending, done, moved, late] = [task(), task(), task(), task()];
    const [r1, r2, oldR, newR, r5] = [reminder(), reminder(), reminder(), reminder(), reminder()];
    await n.send("task-events", taskEvent(pending, "task.created", { reminder_id: r1 }));
    await n.send("task-events", taskEvent(done, "task.completed", { reminder_id: r2 }));
    await n.send("task-events", taskEvent(moved, "task.created", { reminder_id: newR }));
    await n.send("task-events", taskEvent(late, "task.created", { reminder_id: r5 }));
    await n.settle();
    const unknown = task();
    await n.sendTogether("reminders", [
      fired(pending, r1),
      fired(done, r2),
      fired(moved, oldR),
      fired(pending, r1),
      fired(late, r5, { missed: true }),
      fired(unknown, reminder(), { title: "gone" }),
    ]);
    await n.settle();
    const statuses = Object.fromEntries((await n.stored()).map((x) => [x.taskId, x.status]));
    expect(statuses).toEqual({
      [pending]: "delivered",
      [done]: "suppressed",
      [moved]: "cancelled",
      [late]: "missed",
      [unknown]: "delivered",
    });
    expect(await n.storedFor(r1)).toHaveLength(1);
    expect(n.updates.map((u) => [u.task_id, u.notification?.status]).sort()).toEqual(
      [
        [late, "missed"],
        [pending, "delivered"],
        [unknown, "delivered"],
      ].sort(),
    );
  });

  test("a recurring fire notifies about the instance the backend landed it on: its own, or an earlier one still pending", async () => {
    const series = crypto.randomUUID();
    const [first, second] = [task(), task()];
    const t1 = new Date("2026-12-04T13:00:00Z");
    const t2 = new Date("2026-12-11T13:00:00Z");
    const [r1, r2] = [reminder(), reminder()];
    const instance = { title: "submit weekly report", series_id: series, occurrence_at: t1.toISOString() };
    await n.send("task-events", taskEvent(first, "task.created", instance));
    await n.settle();
    const recurringFire = (t: string, r: string, at: Date) =>
      fired(t, r, {
        reminder_type: "recurring",
        series_id: series,
        target_time: at.toISOString(),
        title: "submit weekly report",
      });
    await n.send("reminders", recurringFire(first, r1, t1));
    await n.send(
      "task-events",
      occurred(first, { reminder_id: r1, target_time: t1.toISOString() }, instance),
    );
    // The second occurrence fires while the first instance is still pending: the backend makes no
    // new instance and lands the occurrence on the first (FR-006).
    await n.send("reminders", recurringFire(second, r2, t2));
    await n.send(
      "task-events",
      occurred(
        first,
        { reminder_id: r2, target_time: t2.toISOString(), outcome: "pending-earlier" },
        instance,
      ),
    );
    await n.settle();
    const stored = await n.stored();
    expect(stored.map((s) => [s.kind, s.taskId, s.status, s.message])).toEqual([
      ["recurring", first, "delivered", "It's time for: submit weekly report"],
      ["recurring", first, "delivered", "It's time for: submit weekly report"],
    ]);
  });

  // The backend decides FR-006 and says so on task-events; the fire itself travels on reminders. The
  // notifier gets them in any order, beside the task changes around them, and notifies once, rightly.
  const series = crypto.randomUUID();
  const t1 = "2026-12-04T13:00:00.000Z";
  const t2 = "2026-12-11T13:00:00.000Z";
  const [earlier, next] = [occurrenceTaskId(series, t1), occurrenceTaskId(series, t2)];
  const r2 = occurrenceReminderId(series, t2);
  const instance = (at: string) => ({ title: "water plants", series_id: series, occurrence_at: at });
  const fireOfT2 = () =>
    fired(next, r2, {
      reminder_type: "recurring",
      series_id: series,
      target_time: t2,
      title: "water plants",
    });
  const after = (ms: number) => new Date(NOW.getTime() + ms);
  const landings = {
    // The earlier instance was completed just before t2 fired: the backend made the next one.
    "on a new instance": [
      taskEvent(earlier, "task.completed", instance(t1), after(1)),
      taskEvent(next, "task.created", instance(t2), after(2)),
      occurred(next, { reminder_id: r2, target_time: t2, outcome: "created" }, instance(t2)),
    ],
    // The earlier instance was still pending when t2 fired (no new instance), and completed just after.
    "on the earlier instance still pending": [
      occurred(earlier, { reminder_id: r2, target_time: t2, outcome: "pending-earlier" }, instance(t1)),
      taskEvent(earlier, "task.completed", instance(t1), after(3)),
    ],
  };
  const landedOn = { "on a new instance": next, "on the earlier instance still pending": earlier };
  for (const [landing, taskEvents] of Object.entries(landings) as [keyof typeof landings, TaskEvent[]][])
    for (const fireFirst of [true, false])
      test(`an occurrence landed ${landing}: one right notification with the fire ${fireFirst ? "before" : "after"} the backend's events`, async () => {
        await n.send("task-events", taskEvent(earlier, "task.created", instance(t1)));
        await n.settle();
        if (fireFirst) await n.send("reminders", fireOfT2());
        for (const event of taskEvents) await n.send("task-events", event);
        if (!fireFirst) await n.send("reminders", fireOfT2());
        await n.settle();
        const stored = await n.stored();
        expect(stored.map((s) => [s.taskId, s.reminderId, s.status, s.message])).toEqual([
          [landedOn[landing], r2, "delivered", "It's time for: water plants"],
        ]);
        expect(n.updates.map((u) => [u.task_id, u.notification?.status])).toEqual([
          [landedOn[landing], "delivered"],
        ]);
      });

  test("a fire of a date-only series is about its day: 'Due today', marked all-day, and listed as such", async () => {
    const series = crypto.randomUUID();
    const inst = task();
    const r = reminder();
    const midnight = "2027-03-26T13:00:00.000Z"; // Saturday 27 March, 00:00 in Sydney
    const instance = {
      title: "buy milk",
      series_id: series,
      occurrence_at: midnight,
      due_date: "2027-03-27",
    };
    await n.send("task-events", taskEvent(inst, "task.created", instance));
    await n.settle();
    await n.send(
      "reminders",
      fired(inst, r, {
        reminder_type: "recurring",
        series_id: series,
        target_time: midnight,
        title: "buy milk",
        all_day: true,
      }),
    );
    await n.send(
      "task-events",
      occurred(inst, { reminder_id: r, target_time: midnight, all_day: true }, instance),
    );
    await n.settle();
    const stored = await n.stored();
    expect(stored.map((s) => [s.kind, s.status, s.message, s.allDay])).toEqual([
      ["recurring", "delivered", "Due today: buy milk", true],
    ]);
  });

  test("a recurring fire for an instance already completed is suppressed", async () => {
    const series = crypto.randomUUID();
    const inst = task();
    const r = reminder();
    const done = { series_id: series, occurrence_at: NOW.toISOString(), status: "completed" as const };
    await n.send("task-events", taskEvent(inst, "task.completed", done));
    await n.settle();
    await n.send("reminders", fired(inst, r, { reminder_type: "recurring", series_id: series }));
    await n.send("task-events", occurred(inst, { reminder_id: r }, done));
    await n.settle();
    expect((await n.stored())[0]!.status).toBe("suppressed");
  });

  test("a fire of a series cancelled by then is recorded as suppressed, not shown, not dropped", async () => {
    const series = crypto.randomUUID();
    const occurrence = occurrenceTaskId(series, NOW);
    const r = reminder();
    await n.send("reminders", fired(occurrence, r, { reminder_type: "recurring", series_id: series }));
    await n.send(
      "task-events",
      occurred(
        occurrence,
        { reminder_id: r, outcome: "no-series" },
        { title: "standup", series_id: series, status: "cancelled" },
      ),
    );
    await n.settle();
    expect((await n.storedFor(r)).map((x) => [x.taskId, x.status])).toEqual([[occurrence, "suppressed"]]);
    expect(n.updates).toEqual([]);
  });

  test("an older task event arriving late does not undo a newer one", async () => {
    const [t, r] = [task(), reminder()];
    await n.send(
      "task-events",
      taskEvent(t, "task.completed", { reminder_id: r }, new Date(NOW.getTime() + 1000)),
    );
    await n.send("task-events", taskEvent(t, "task.created", { reminder_id: r }, NOW));
    await n.settle();
    await n.send("reminders", fired(t, r));
    await n.settle();
    expect((await n.storedFor(r))[0]!.status).toBe("suppressed");
  });

  test("reading marks one's own notification read; another user's is a 404; no token is a 401", async () => {
    const [t, r] = [task(), reminder()];
    await n.send("task-events", taskEvent(t, "task.created", { reminder_id: r }));
    await n.settle();
    await n.send("reminders", fired(t, r));
    await n.settle();
    const mine = await n.token(USER);
    const [item] = (await n.call("GET", "/api/notifications", mine)).body.items;
    expect(
      (await n.call("POST", `/api/notifications/${item.id}/read`, await n.token(crypto.randomUUID()))).status,
    ).toBe(404);
    const read = await n.call("POST", `/api/notifications/${item.id}/read`, mine);
    expect(read.body.read_at).toBe(NOW.toISOString());
    expect((await n.call("GET", "/api/notifications", mine)).body.unread_count).toBe(0);
    expect((await n.call("GET", "/api/notifications")).status).toBe(401);
    expect((await n.call("GET", "/api/notifications?status=whatever", mine)).status).toBe(400);
    expect((await n.call("GET", "/api/notifications?status=suppressed,cancelled", mine)).body.items).toEqual(
      [],
    );
  });
});
