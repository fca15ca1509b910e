import { expect, test } from "bun:test";
import { taskView as task } from "../../../../scripts/testing/task-fixtures.ts";
import { zonedInstant } from "../lib/zoned-time.ts";
import { dayLabel, dueOf, dueText, groupBySection, reminderText, sectionOf } from "./due-dates.ts";

// Sunday 7 March 2027, 23:30 in Berlin (22:30 UTC); already Monday 8 March in Tokyo.
const now = new Date("2027-03-07T22:30:00Z");

test("due days read as Today, Tomorrow, a weekday for the next six days, then the date", () => {
  expect(dayLabel("2027-03-07", "2027-03-07")).toBe("Today");
  expect(dayLabel("2027-03-08", "2027-03-07")).toBe("Tomorrow");
  expect(dayLabel("2027-03-06", "2027-03-07")).toBe("Yesterday");
  expect(dayLabel("2027-03-12", "2027-03-07")).toBe("Friday");
  expect(dayLabel("2027-03-14", "2027-03-07")).toBe("Mar 14");
  expect(dayLabel("2028-01-02", "2027-03-07")).toBe("Jan 2, 2028");
});

test("a timed due date is read in the user's zone: the same instant is tomorrow in Tokyo and today in Berlin", () => {
  const standup = task("standup", { due_at: "2027-03-08T00:00:00Z" });
  expect(dueText(dueOf(standup, "Europe/Berlin", now)!)).toBe("Tomorrow 1:00 AM");
  expect(dueText(dueOf(standup, "Asia/Tokyo", now)!)).toBe("Today 9:00 AM");
  expect(dueText(dueOf(task("x", { due_at: "2027-04-01T12:00:00Z" }), "UTC", now)!)).toBe("Apr 1, 12:00 PM");
});

test("a pending task past its time is overdue; a completed one never is", () => {
  expect(dueOf(task("late", { due_at: "2027-03-07T20:00:00Z" }), "Europe/Berlin", now)!.overdue).toBe(true);
  expect(dueOf(task("today", { due_date: "2027-03-07" }), "Europe/Berlin", now)!.overdue).toBe(false);
  expect(
    dueOf(task("done", { due_date: "2027-03-01", status: "completed" }), "Europe/Berlin", now)!.overdue,
  ).toBe(false);
});

test("a task whose time has just come reads Now, in Today, for five minutes; then Overdue", () => {
  // 23:00 in Berlin; the clock stands still in each line.
  const call = task("call", { due_at: "2027-03-07T22:00:00Z" });
  const at = (instant: string) => dueOf(call, "Europe/Berlin", new Date(instant))!;
  expect(dueText(at("2027-03-07T21:59:00Z"))).toBe("Today 11:00 PM");
  for (const instant of ["2027-03-07T22:00:00Z", "2027-03-07T22:01:00Z", "2027-03-07T22:05:00Z"]) {
    expect(at(instant)).toMatchObject({ overdue: false, justDue: true });
    expect(dueText(at(instant))).toBe("Now");
    expect(sectionOf(call, "Europe/Berlin", new Date(instant))).toBe("today");
  }
  expect(at("2027-03-07T22:05:01Z")).toMatchObject({ overdue: true, justDue: false });
  expect(dueText(at("2027-03-07T22:05:01Z"))).toBe("Today 11:00 PM");
  expect(sectionOf(call, "Europe/Berlin", new Date("2027-03-07T22:05:01Z"))).toBe("overdue");
  // Just before midnight: a minute later it is tomorrow, and the task is still Now, in Today.
  const late = task("late", { due_at: "2027-03-07T22:59:00Z" });
  expect(dueText(dueOf(late, "Europe/Berlin", new Date("2027-03-07T23:01:00Z"))!)).toBe("Now");
  expect(sectionOf(late, "Europe/Berlin", new Date("2027-03-07T23:01:00Z"))).toBe("today");
  // A done task, or one with a date and no time, never reads Now.
  expect(
    dueOf({ ...call, status: "completed" }, "Europe/Berlin", new Date("2027-03-07T22:01:00Z"))!.justDue,
  ).toBe(false);
  expect(
    dueOf(task("day", { due_date: "2027-03-07" }), "Europe/Berlin", new Date("2027-03-07T22:01:00Z"))!
      .justDue,
  ).toBe(false);
});

test("tasks fall into Overdue, Today, Upcoming and No date, each ordered by its day and time in the zone", () => {
  const tasks = [
    task("someday", {}),
    task("friday", { due_date: "2027-03-12" }),
    task("late", { due_at: "2027-03-07T08:00:00Z" }),
    task("tonight", { due_at: "2027-03-07T22:45:00Z" }),
    task("all day", { due_date: "2027-03-07" }),
    task("tomorrow", { due_at: "2027-03-08T07:00:00Z" }),
  ];
  const berlin = groupBySection(tasks, "Europe/Berlin", now).map((g) => [
    g.section,
    g.tasks.map((t) => t.id),
  ]);
  expect(berlin).toEqual([
    ["overdue", ["late"]],
    ["today", ["all day", "tonight"]],
    ["upcoming", ["tomorrow", "friday"]],
    ["none", ["someday"]],
  ]);
  // After a zone change the same tasks regroup: in Tokyo it is already Monday.
  const tokyo = groupBySection(tasks, "Asia/Tokyo", now).map((g) => [g.section, g.tasks.map((t) => t.id)]);
  expect(tokyo).toEqual([
    ["overdue", ["all day", "late"]],
    ["today", ["tonight", "tomorrow"]],
    ["upcoming", ["friday"]],
    ["none", ["someday"]],
  ]);
});

test("a wall-clock time in the user's zone becomes the right instant, across daylight-saving changes", () => {
  expect(zonedInstant("2027-03-08", "09:00", "Europe/Berlin").toISOString()).toBe("2027-03-08T08:00:00.000Z");
  expect(zonedInstant("2027-07-08", "09:00", "Europe/Berlin").toISOString()).toBe("2027-07-08T07:00:00.000Z");
  expect(zonedInstant("2027-03-14", "02:30", "America/New_York").toISOString()).toBe(
    "2027-03-14T07:30:00.000Z",
  );
  expect(zonedInstant("2027-11-07", "01:30", "America/New_York").toISOString()).toBe(
    "2027-11-07T05:30:00.000Z",
  );
  expect(zonedInstant("2027-03-08", "09:00", "Asia/Kolkata").toISOString()).toBe("2027-03-08T03:30:00.000Z");
});

test("a reminder reads like a due date in the user's zone, and never as Overdue or Now, even once it is past", () => {
  // 22:45 UTC is 23:45 Sunday in Berlin and 07:45 Monday in Tokyo.
  expect(reminderText("2027-03-07T22:45:00Z", "Europe/Berlin", now)).toBe("Today 11:45 PM");
  expect(reminderText("2027-03-07T22:45:00Z", "Asia/Tokyo", now)).toBe("Today 7:45 AM");
  expect(reminderText("2027-03-08T08:00:00Z", "Europe/Berlin", now)).toBe("Tomorrow 9:00 AM");
  expect(reminderText("2027-03-07T22:30:00Z", "Europe/Berlin", now)).toBe("Today 11:30 PM");
  expect(reminderText("2027-03-01T08:00:00Z", "Europe/Berlin", now)).toBe("Mar 1, 9:00 AM");
});
