import { expect, test } from "bun:test";
import { scheduleFor } from "./schedule-rule.ts";

test("each repeat choice becomes a rule anchored on the task's day and time", () => {
  // 12 March 2027 is a Friday.
  expect(scheduleFor("weekly", "2027-03-12", "18:30")).toEqual({
    rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=30",
    dtstart: "2027-03-12T18:30:00",
  });
  expect(scheduleFor("daily", "2027-03-12", "09:05")).toEqual({
    rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=5",
    dtstart: "2027-03-12T09:05:00",
  });
  expect(scheduleFor("weekdays", "2027-03-12", "")).toEqual({
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    dtstart: "2027-03-12",
  });
  expect(scheduleFor("monthly", "2027-03-31", "")).toEqual({
    rrule: "FREQ=MONTHLY;BYMONTHDAY=31",
    dtstart: "2027-03-31",
  });
  expect(scheduleFor("custom", "2027-03-12", "", " RRULE:FREQ=YEARLY ")).toEqual({
    rrule: "FREQ=YEARLY",
    dtstart: "2027-03-12",
  });
  expect(scheduleFor("none", "2027-03-12", "10:00")).toBeNull();
  expect(scheduleFor("keep", "2027-03-12", "10:00")).toBeNull();
});
