import { describe, expect, test } from "bun:test";
import { verify, type Check, type Snapshot } from "./verify.ts";
import type { Mutation } from "./workload.ts";

const T = Date.parse("2026-11-28T12:00:00Z");
const task = "00000000-0000-4000-8000-000000000001";
const reminder = "00000000-0000-4000-8000-0000000000a1";
const series = "00000000-0000-4000-8000-0000000000b1";
const occurrence = "00000000-0000-4000-8000-0000000000c1";

// One task with a reminder that fired on time, and one series occurrence that fired and has its instance.
function healthy(): { snapshot: Snapshot; mutations: Mutation[] } {
  const outbox: Snapshot["outbox"] = [
    {
      db: "backend",
      eventId: "e1",
      topic: "task-events",
      eventType: "task.created",
      taskId: task,
      missed: false,
      published: true,
    },
    {
      db: "backend",
      eventId: "e2",
      topic: "reminders",
      eventType: "reminder.scheduled",
      taskId: task,
      reminderId: reminder,
      targetTime: T,
      missed: false,
      published: true,
    },
    {
      db: "recurring",
      eventId: "e3",
      topic: "reminders",
      eventType: "reminder.fired",
      taskId: task,
      reminderId: reminder,
      reminderType: "one-time",
      targetTime: T,
      timestamp: T + 20,
      missed: false,
      published: true,
    },
    {
      db: "recurring",
      eventId: "e4",
      topic: "reminders",
      eventType: "reminder.fired",
      taskId: task,
      reminderId: occurrence,
      reminderType: "recurring",
      seriesId: series,
      targetTime: T,
      timestamp: T + 30,
      missed: false,
      published: true,
    },
  ];
  const inbox = outbox.flatMap((o) =>
    (o.topic === "task-events" ? ["recurring", "notifier"] : ["backend", "recurring", "notifier"]).map(
      (c) => ({ db: c as "backend", consumer: c, eventId: o.eventId }),
    ),
  );
  return {
    snapshot: {
      outbox,
      inbox,
      notifications: [
        {
          reminderId: reminder,
          taskId: task,
          kind: "reminder",
          status: "delivered",
          targetTime: T,
          deliveredAt: T + 50,
        },
        {
          reminderId: occurrence,
          taskId: task,
          kind: "recurring",
          status: "delivered",
          targetTime: T,
          deliveredAt: T + 60,
        },
      ],
      tasks: [{ id: task }, { id: "t2", seriesId: series, occurrenceAt: T }],
      conflicts: [],
    },
    mutations: [
      {
        kind: "create with reminder",
        at: 0,
        outcome: "acknowledged",
        status: 201,
        taskId: task,
        eventType: "task.created",
      },
    ],
  };
}

const failing = (checks: Check[]) => checks.filter((c) => c.failures > 0).map((c) => c.name);
const run = (s: ReturnType<typeof healthy>) =>
  verify(s.snapshot, { mutations: s.mutations, graceSeconds: 10, settledBefore: T + 60_000 });

describe("the chaos verifier", () => {
  test("passes a run where every event arrived once", () => {
    expect(failing(run(healthy()))).toEqual([]);
  });

  test("finds a planted duplicate notification and a duplicate recurring instance", () => {
    const s = healthy();
    s.snapshot.notifications.push({ ...s.snapshot.notifications[0]!, deliveredAt: T + 900 });
    s.snapshot.tasks.push({ id: "t3", seriesId: series, occurrenceAt: T });
    expect(failing(run(s))).toEqual([
      "every fire has exactly one notification",
      "no notification exists twice (per reminder, and per task, target and kind)",
      "no recurring instance exists twice (series, occurrence)",
    ]);
  });

  test("an event a consumer's own filter ignores needs no inbox row there; one it handles does", () => {
    const s = healthy();
    // The notifier makes notifications only from one-time fires; the recurring service follows series only.
    s.snapshot.outbox[0]!.event = { event_type: "task.created", payload: { recurrence_rule: null } };
    s.snapshot.outbox[1]!.event = { event_type: "reminder.scheduled", reminder_type: "one-time" };
    s.snapshot.outbox[2]!.event = { event_type: "reminder.fired", reminder_type: "one-time" };
    const without = (consumer: string, eventId: string) =>
      s.snapshot.inbox.filter((i) => !(i.consumer === consumer && i.eventId === eventId));
    s.snapshot.inbox = without("recurring", "e1");
    s.snapshot.inbox = without("notifier", "e2");
    expect(failing(run(s))).toEqual([]);
    s.snapshot.inbox = without("notifier", "e3");
    expect(failing(run(s))).toEqual(["every published event is in the inbox of every consumer of its topic"]);
  });

  test("finds an unpublished row, an event a consumer never handled and a lost acknowledged mutation", () => {
    const s = healthy();
    s.snapshot.outbox[0]!.published = false;
    s.snapshot.inbox = s.snapshot.inbox.filter((i) => !(i.consumer === "notifier" && i.eventId === "e3"));
    s.mutations.push({
      kind: "complete",
      at: 5,
      outcome: "acknowledged",
      status: 200,
      taskId: task,
      eventType: "task.completed",
    });
    expect(failing(run(s))).toEqual([
      "every outbox row was published (all three services)",
      "every published event is in the inbox of every consumer of its topic",
      "every acknowledged mutation wrote its task-events event",
    ]);
  });

  test("finds a reminder that never fired, one that fired twice, and a late fire not recorded as missed", () => {
    const s = healthy();
    s.snapshot.outbox.push({
      db: "backend",
      eventId: "e5",
      topic: "reminders",
      eventType: "reminder.scheduled",
      taskId: task,
      reminderId: "r-lost",
      targetTime: T + 1000,
      missed: false,
      published: true,
    });
    s.snapshot.outbox.push({ ...s.snapshot.outbox[2]!, eventId: "e6", timestamp: T + 30_000 });
    for (const c of ["backend", "recurring", "notifier"] as const)
      s.snapshot.inbox.push({ db: c, consumer: c, eventId: "e5" }, { db: c, consumer: c, eventId: "e6" });
    expect(failing(run(s))).toEqual([
      "every scheduled reminder due before the end fired (delivered, suppressed or missed)",
      "no reminder fired twice (one reminder.fired per reminder)",
      "grace rule (10 s): fired later than that is missed (or suppressed), within it delivered (or suppressed)",
    ]);
  });
});
