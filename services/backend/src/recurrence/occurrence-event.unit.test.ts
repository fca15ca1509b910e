// Specification of occurrenceEvent: given where decideOccurrence put a fired occurrence, then the
// `task.occurrence` the notifier notifies from (or none).
import { describe, expect, test } from "bun:test";
import { occurrenceReminderId, validateEvent, type ReminderEvent } from "@todo/schemas";
import { decideCreate } from "../tasks/decide-task.ts";
import { occurrenceEvent } from "./occurrence-event.ts";

const now = new Date("2026-12-21T06:00:01Z");
const ctx = { userId: "00000000-0000-4000-8000-000000000001", zone: "Europe/Berlin", now };
const weekly = decideCreate(
  { title: "gym", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=7;BYMINUTE=0" } },
  ctx,
);
const series = weekly.series!;
const first = weekly.task;
const at = "2026-12-21T06:00:00.000Z";
const fire: ReminderEvent = {
  schema_version: 1,
  event_id: crypto.randomUUID(),
  event_type: "reminder.fired",
  reminder_id: occurrenceReminderId(series.id, at),
  task_id: crypto.randomUUID(),
  user_id: ctx.userId,
  timestamp: at,
  target_time: at,
  reminder_type: "recurring",
  series_id: series.id,
  missed: true,
};

describe("occurrenceEvent", () => {
  test("given an earlier instance still pending (no new one), then the occurrence lands on it, with the fire's facts", () => {
    const landed = occurrenceEvent(fire, { outcome: "conflict", pending: first }, series, now);
    expect(landed.topic).toBe("task-events");
    expect(landed.event).toMatchObject({
      event_type: "task.occurrence",
      task_id: first.id,
      user_id: ctx.userId,
      payload: { title: "gym", status: "pending" },
      occurrence: {
        outcome: "pending-earlier",
        reminder_id: fire.reminder_id,
        target_time: at,
        missed: true,
      },
    });
    expect(validateEvent("task-events", landed.event)).toEqual([]);
  });

  test("given an instance made, or standing already, then it lands there", () => {
    const made = { ...first, id: crypto.randomUUID() };
    expect(occurrenceEvent(fire, { outcome: "created", task: made }, series, now).event).toMatchObject({
      task_id: made.id,
      occurrence: { outcome: "created" },
    });
    const done = { ...first, status: "completed" as const };
    expect(occurrenceEvent(fire, { outcome: "exists", existing: done }, series, now).event).toMatchObject({
      task_id: first.id,
      payload: { status: "completed" },
      occurrence: { outcome: "existing" },
    });
  });

  test("given an unknown or cancelled series, then no instance: the occurrence's own id, cancelled, so the notifier records it suppressed", () => {
    for (const decision of [{ outcome: "unknown-series" }, { outcome: "series-inactive" }] as const) {
      const landed = occurrenceEvent({ ...fire, title: "gym" }, decision, series, now);
      expect(landed.event).toMatchObject({
        task_id: fire.task_id,
        user_id: fire.user_id,
        payload: { title: "gym", status: "cancelled", series_id: series.id, occurrence_at: at },
        occurrence: { outcome: "no-series", reminder_id: fire.reminder_id },
      });
      expect(validateEvent("task-events", landed.event)).toEqual([]);
    }
  });
});
