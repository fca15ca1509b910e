// Specification of eventsForChange: given a task before and after a mutation, then the events the
// mutation publishes (task-events, task-updates, and reminders when the reminder moved).
import { describe, expect, test } from "bun:test";
import { validateEvent } from "@todo/schemas";
import { decideCreate } from "./decide-task.ts";
import { eventsForChange } from "./task-events.ts";

const now = new Date("2026-12-07T09:00:00Z");
const ctx = { userId: "00000000-0000-4000-8000-000000000001", zone: "UTC", now };
const task = decideCreate({ title: "call mom" }, ctx).task;
const withReminder = (id: string, at: string) => ({ ...task, reminderId: id, reminderTime: new Date(at) });
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";

const shape = (events: ReturnType<typeof eventsForChange>) =>
  events.map(({ topic, event }) => [topic, "event_type" in event ? event.event_type : event.change_type]);

describe("eventsForChange", () => {
  test("given a new task without a reminder, then task.created and its task-updates change, each within its contract", () => {
    const events = eventsForChange("created", undefined, task, null, now);
    expect(shape(events)).toEqual([
      ["task-events", "task.created"],
      ["task-updates", "created"],
    ]);
    for (const { topic, event } of events) expect(validateEvent(topic, event)).toEqual([]);
    expect(events[0]!.event).toMatchObject({
      task_id: task.id,
      user_id: ctx.userId,
      timestamp: now.toISOString(),
    });
  });

  test("given a task whose reminder is set, then reminder.scheduled at its time follows", () => {
    const events = eventsForChange("updated", task, withReminder(A, "2026-12-08T10:00:00Z"), null, now);
    expect(shape(events)).toEqual([
      ["task-events", "task.updated"],
      ["task-updates", "updated"],
      ["reminders", "reminder.scheduled"],
    ]);
    expect(events[2]!.event).toMatchObject({
      reminder_id: A,
      target_time: "2026-12-08T10:00:00.000Z",
      reminder_type: "one-time",
      title: "call mom",
    });
  });

  test("given a reminder moved to a new time (a new id), then the old one is cancelled and the new one scheduled", () => {
    const events = eventsForChange(
      "updated",
      withReminder(A, "2026-12-08T10:00:00Z"),
      withReminder(B, "2026-12-08T11:00:00Z"),
      null,
      now,
    );
    expect(shape(events).slice(2)).toEqual([
      ["reminders", "reminder.cancelled"],
      ["reminders", "reminder.scheduled"],
    ]);
    expect(events.slice(2).map(({ event }) => "reminder_id" in event && event.reminder_id)).toEqual([A, B]);
  });

  test("given the same reminder kept, then no reminders event", () => {
    const kept = withReminder(A, "2026-12-08T10:00:00Z");
    expect(shape(eventsForChange("updated", kept, { ...kept, title: "call dad" }, null, now))).toEqual([
      ["task-events", "task.updated"],
      ["task-updates", "updated"],
    ]);
  });

  test("given a deleted task with a reminder, then only task.deleted and its change: the deletion itself stops the reminder", () => {
    const kept = withReminder(A, "2026-12-08T10:00:00Z");
    expect(shape(eventsForChange("deleted", kept, kept, null, now))).toEqual([
      ["task-events", "task.deleted"],
      ["task-updates", "deleted"],
    ]);
  });

  test("given a completion, then task.completed", () => {
    expect(
      shape(
        eventsForChange("completed", task, { ...task, status: "completed", completedAt: now }, null, now),
      )[0],
    ).toEqual(["task-events", "task.completed"]);
  });
});
