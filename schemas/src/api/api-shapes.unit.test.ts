// The shared HTTP answers hold exactly the fields API.md names (plus the documented additions), so
// the services and the site, which both take them from here, cannot drift from the contract.
import "../formats.ts";
import { describe, expect, test } from "bun:test";
import type { TObject } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { NotificationView, RecurrenceView, TaskView, UserView } from "./index.ts";

const fields = (schema: TObject) => Object.keys(schema.properties).sort();
const required = (schema: TObject) => [...(schema.required ?? [])].sort();

const aTask = {
  id: "7d4f2f0e-3c1b-4a8e-9f51-2b6f3f1d9a10",
  title: "Pay rent",
  description: "",
  status: "pending",
  priority: "high",
  tags: ["home"],
  due_date: "2026-12-04",
  due_at: null,
  recurrence_rule: null,
  series_id: null,
  occurrence_at: null,
  reminder_time: "2026-12-03T18:00:00.000Z",
  completed_at: null,
  created_at: "2026-12-01T09:00:00.000Z",
  updated_at: "2026-12-01T09:00:00.000Z",
};

describe("the API's answers, declared once", () => {
  test("a task has exactly API.md's fields, and no reminder id (that stays in events)", () => {
    expect(fields(TaskView)).toEqual(
      [
        "id",
        "title",
        "description",
        "status",
        "priority",
        "tags",
        "due_date",
        "due_at",
        "recurrence_rule",
        "series_id",
        "occurrence_at",
        "reminder_time",
        "completed_at",
        "created_at",
        "updated_at",
      ].sort(),
    );
    expect(required(TaskView)).toEqual(fields(TaskView));
  });

  test("a task as the backend writes it passes; a null description (what the site once assumed) does not", () => {
    expect(Value.Errors(TaskView, aTask).First()).toBeUndefined();
    expect(Value.Check(TaskView, { ...aTask, description: null })).toBe(false);
    expect(Value.Check(TaskView, { ...aTask, priority: "urgent" })).toBe(false);
  });

  test("a recurrence has API.md's fields and no series id (the task carries series_id)", () => {
    expect(fields(RecurrenceView)).toEqual(
      [
        "rrule",
        "timezone",
        "dtstart",
        "frequency",
        "interval",
        "weekdays",
        "month_days",
        "time_of_day",
        "count",
        "until",
        "text",
        "active",
      ].sort(),
    );
    expect(required(RecurrenceView)).toEqual(
      ["rrule", "timezone", "dtstart", "frequency", "interval", "time_of_day", "text", "active"].sort(),
    );
  });

  test("a user and a notification have API.md's fields (a notification adds all_day)", () => {
    expect(fields(UserView)).toEqual(["email", "id", "name", "timezone"]);
    expect(fields(NotificationView)).toEqual(
      [
        "id",
        "task_id",
        "title",
        "message",
        "kind",
        "target_time",
        "delivered_at",
        "status",
        "read_at",
        "all_day",
      ].sort(),
    );
  });
});
