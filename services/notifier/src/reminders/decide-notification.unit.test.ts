// Specification of decideNotification: given what is known about the task when a reminder fires
// (the projection for a one-time fire; for a recurring one, the instance the backend landed it on),
// then the notification it records.
import { describe, expect, test } from "bun:test";
import type { ReminderEvent } from "@todo/schemas";
import type { ProjectionRow } from "../db/schema.ts";
import { decideNotification } from "./decide-notification.ts";

const now = new Date("2026-12-07T09:00:05Z");
const REMINDER = "11111111-1111-4111-8111-111111111111";
const TASK = "22222222-2222-4222-8222-222222222222";
const fired = (overrides: Partial<ReminderEvent> = {}): ReminderEvent => ({
  schema_version: 1,
  event_id: crypto.randomUUID(),
  event_type: "reminder.fired",
  reminder_id: REMINDER,
  task_id: TASK,
  user_id: "00000000-0000-4000-8000-000000000001",
  timestamp: now.toISOString(),
  target_time: "2026-12-07T09:00:00Z",
  reminder_type: "one-time",
  title: "call mom",
  ...overrides,
});
const projected = (overrides: Partial<ProjectionRow> = {}): ProjectionRow =>
  ({
    taskId: TASK,
    userId: "00000000-0000-4000-8000-000000000001",
    title: "call mom",
    priority: "medium",
    tags: [],
    status: "pending",
    deleted: false,
    seriesId: null,
    occurrenceAt: null,
    reminderId: REMINDER,
    eventAt: new Date("2026-12-07T08:00:00Z"),
    ...overrides,
  }) as ProjectionRow;

describe("decideNotification", () => {
  test("given a pending task with this reminder, when it fires on time, then a delivered reminder", () => {
    expect(decideNotification(fired(), projected(), now)).toMatchObject({
      status: "delivered",
      message: "Reminder: call mom",
      kind: "reminder",
      taskId: TASK,
      deliveredAt: now,
      allDay: false,
    });
  });

  test("given the fire came too late, then it is recorded as missed, not dropped", () => {
    expect(decideNotification(fired({ missed: true }), projected(), now)).toMatchObject({
      status: "missed",
      message: "Missed reminder: call mom",
    });
  });

  test("given the task was completed (or deleted) first, then suppressed (FR-009)", () => {
    expect(decideNotification(fired(), projected({ status: "completed" }), now).status).toBe("suppressed");
    expect(decideNotification(fired(), projected({ deleted: true }), now).status).toBe("suppressed");
  });

  test("given the reminder was moved since (another reminder id), then cancelled", () => {
    expect(
      decideNotification(fired(), projected({ reminderId: "33333333-3333-4333-8333-333333333333" }), now)
        .status,
    ).toBe("cancelled");
  });

  test("given nothing known about the task yet, then delivered with the event's own title", () => {
    expect(decideNotification(fired({ title: "water plants" }), undefined, now)).toMatchObject({
      status: "delivered",
      title: "water plants",
      taskId: TASK,
    });
  });

  test("given a recurring fire the backend landed on an earlier instance still pending, then it is about that instance (FR-006)", () => {
    const earlier = projected({
      taskId: "44444444-4444-4444-8444-444444444444",
      title: "gym",
      seriesId: "55555555-5555-4555-8555-555555555555",
    });
    expect(
      decideNotification(fired({ reminder_type: "recurring", title: "gym" }), earlier, now),
    ).toMatchObject({
      status: "delivered",
      kind: "recurring",
      taskId: earlier.taskId,
      message: "It's time for: gym",
    });
  });

  test("given a fire of a date-only series, then it speaks of the day", () => {
    expect(
      decideNotification(
        fired({ reminder_type: "recurring", all_day: true, title: "pills" }),
        undefined,
        now,
      ),
    ).toMatchObject({ message: "Due today: pills", allDay: true });
  });
});
