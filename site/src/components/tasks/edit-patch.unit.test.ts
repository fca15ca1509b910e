import { expect, test } from "bun:test";
import { taskView } from "../../../../scripts/testing/task-fixtures.ts";
import { type EditFields, editPatch, fieldsOf } from "./edit-patch.ts";

const before: EditFields = {
  title: "call mom",
  description: "",
  dueDate: "2027-03-08",
  dueTime: "",
  reminder: "",
  priority: "medium",
  tags: "family",
  repeat: "none",
  customRule: "",
};

test("an unchanged form sends an empty patch", () => {
  expect(editPatch(before, { ...before }, "Europe/Berlin")).toEqual({ body: {} });
});

test("only the changed fields are sent, with times read in the user's zone", () => {
  const after = {
    ...before,
    title: " call mum ",
    dueTime: "09:30",
    reminder: "2027-03-08T09:00",
    priority: "high" as const,
    tags: "Family, phone",
  };
  expect(editPatch(before, after, "Europe/Berlin")).toEqual({
    body: {
      title: "call mum",
      priority: "high",
      due_at: "2027-03-08T08:30:00.000Z",
      reminder_time: "2027-03-08T08:00:00.000Z",
      tags: ["family", "phone"],
    },
  });
});

test("clearing the due date or the reminder sends null; a date without a time is all day", () => {
  expect(
    editPatch(
      { ...before, dueTime: "09:00", reminder: "2027-03-08T08:00" },
      { ...before, dueDate: "", reminder: "" },
      "UTC",
    ),
  ).toEqual({ body: { due_date: null, due_at: null, reminder_time: null } });
  expect(editPatch({ ...before, dueTime: "09:00" }, before, "UTC")).toEqual({
    body: { due_at: null, due_date: "2027-03-08" },
  });
});

test("an empty title or a time without a date is refused with a message that says what to do", () => {
  expect(editPatch(before, { ...before, title: "  " }, "UTC")).toEqual({
    error: "The title can't be empty.",
  });
  expect(editPatch(before, { ...before, dueDate: "", dueTime: "10:00" }, "UTC")).toEqual({
    error: "Pick a due date for that time, or clear the time.",
  });
});

test("a schedule starts on the due date and time, in the user's zone; stopping one sends null", () => {
  expect(editPatch(before, { ...before, dueTime: "18:30", repeat: "weekly" }, "America/New_York")).toEqual({
    body: {
      due_at: "2027-03-08T23:30:00.000Z",
      recurrence: {
        rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=18;BYMINUTE=30",
        dtstart: "2027-03-08T18:30:00",
        timezone: "America/New_York",
      },
    },
  });
  expect(editPatch({ ...before, repeat: "keep" }, { ...before, repeat: "none" }, "UTC")).toEqual({
    body: { recurrence: null },
  });
  expect(editPatch(before, { ...before, dueDate: "", repeat: "daily" }, "UTC")).toEqual({
    error: "Pick a due date: the schedule starts there.",
  });
});

const task = taskView("t1", {
  title: "call mom",
  priority: "high",
  tags: ["family", "phone"],
  due_date: "2027-03-08",
  due_at: "2027-03-08T17:30:00Z",
  reminder_time: "2027-03-08T17:00:00Z",
});

test("the form starts from the task as the user reads it: times in their zone, tags as a list, no description as empty", () => {
  expect(fieldsOf(task, "America/New_York")).toEqual({
    title: "call mom",
    description: "",
    dueDate: "2027-03-08",
    dueTime: "12:30",
    reminder: "2027-03-08T12:00",
    priority: "high",
    tags: "family, phone",
    repeat: "none",
    customRule: "",
  });
});

test("an all-day task starts with its date and no time; an active schedule is kept unless changed", () => {
  const allDay = {
    ...task,
    due_at: null,
    reminder_time: null,
    recurrence_rule: {
      series_id: "5e000000-0000-4000-8000-000000000001",
      rrule: "FREQ=WEEKLY",
      timezone: "Asia/Tokyo",
      dtstart: "2027-03-08",
      frequency: "weekly" as const,
      interval: 1,
      time_of_day: null,
      text: "every week",
      active: true,
    },
  };
  expect(fieldsOf(allDay, "Asia/Tokyo")).toMatchObject({
    dueDate: "2027-03-08",
    dueTime: "",
    reminder: "",
    repeat: "keep",
  });
  // A stopped schedule is not kept: saving the form as it is sends nothing about it.
  const stopped = { ...allDay, recurrence_rule: { ...allDay.recurrence_rule, active: false } };
  expect(fieldsOf(stopped, "Asia/Tokyo").repeat).toBe("none");
  expect(editPatch(fieldsOf(stopped, "Asia/Tokyo"), fieldsOf(stopped, "Asia/Tokyo"), "Asia/Tokyo")).toEqual({
    body: {},
  });
});
