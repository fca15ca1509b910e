// Specification of shiftedDue: given a task's due date (and time) and a shift, then the new due.
import { expect, test } from "bun:test";
import { shiftedDue } from "./shift-due.ts";

test("given a timed task, when moved a week across the end of summer time, then it keeps its wall time", () => {
  // Friday 23 October 2026, 9 AM in Berlin (CEST); a week later is after the clocks went back.
  expect(
    shiftedDue({ due_at: "2026-10-23T07:00:00.000Z", due_date: "2026-10-23" }, 7 * 1440, "Europe/Berlin"),
  ).toEqual({ date: "2026-10-30", time: "09:00" });
});

test("given a timed task, when moved by hours, then the instant moves and may change the day", () => {
  expect(shiftedDue({ due_at: "2026-12-04T21:00:00.000Z", due_date: "2026-12-04" }, 180, "UTC")).toEqual({
    date: "2026-12-05",
    time: "00:00",
  });
});

test("given a date-only task, when moved by days, then only the date moves; by hours, there is nothing to move", () => {
  expect(shiftedDue({ due_at: null, due_date: "2026-12-31" }, 2 * 1440, "UTC")).toEqual({
    date: "2027-01-02",
  });
  expect(shiftedDue({ due_at: null, due_date: "2026-12-31" }, 120, "UTC")).toBeUndefined();
});

test("given a task with no due date, then there is nothing to move", () => {
  expect(shiftedDue({ due_at: null, due_date: null }, 1440, "UTC")).toBeUndefined();
});
