import { describe, expect, test } from "bun:test";
import { expandOccurrences, nextOccurrenceAfter } from "./expand-occurrences.ts";
import { wallTimeOf } from "./wall-time.ts";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace(".000Z", "Z"));
const wall = (dates: Date[], zone: string) =>
  dates.map((d) => wallTimeOf(d, zone).toString({ smallestUnit: "minute" }));

describe("wall-clock times stay fixed across DST", () => {
  const fridays = {
    rrule: "FREQ=WEEKLY;BYDAY=FR",
    dtstart: "2026-12-04T14:00:00",
    timezone: "Europe/Berlin",
  };

  test("every Friday at 2 PM in Berlin is 13:00Z in winter and 12:00Z in summer", () => {
    const [winter] = expandOccurrences(fridays, { limit: 1 });
    const [summer] = expandOccurrences(fridays, { after: new Date("2027-06-01T00:00:00Z"), limit: 1 });
    expect(iso([winter!, summer!])).toEqual(["2026-12-04T13:00:00Z", "2027-06-04T12:00:00Z"]);
  });

  test("the Friday before Berlin springs forward is 13:00Z and the Friday after is 12:00Z", () => {
    const around = expandOccurrences(fridays, { after: new Date("2027-03-20T00:00:00Z"), limit: 3 });
    expect(iso(around)).toEqual(["2027-03-26T13:00:00Z", "2027-04-02T12:00:00Z", "2027-04-09T12:00:00Z"]);
    expect(wall(around, "Europe/Berlin")).toEqual([
      "2027-03-26T14:00",
      "2027-04-02T14:00",
      "2027-04-09T14:00",
    ]);
  });

  test("a daily 02:30 in Berlin happens at 03:30 on the spring-forward day, when 02:30 does not exist", () => {
    const days = expandOccurrences(
      { rrule: "FREQ=DAILY", dtstart: "2027-03-27T02:30:00", timezone: "Europe/Berlin" },
      { limit: 3 },
    );
    expect(wall(days, "Europe/Berlin")).toEqual(["2027-03-27T02:30", "2027-03-28T03:30", "2027-03-29T02:30"]);
    expect(iso(days)).toEqual(["2027-03-27T01:30:00Z", "2027-03-28T01:30:00Z", "2027-03-29T00:30:00Z"]);
  });

  test("a daily 01:30 in New York takes the earlier, EDT, instant on the fall-back day, when 01:30 happens twice", () => {
    const days = expandOccurrences(
      { rrule: "FREQ=DAILY", dtstart: "2026-10-31T01:30:00", timezone: "America/New_York" },
      { limit: 3 },
    );
    expect(iso(days)).toEqual(["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]);
  });

  test("an hourly rule across the spring-forward gap lists each instant once, in order", () => {
    // 02:00 does not exist and moves to 03:00, which the rule also produces: one occurrence.
    const hours = expandOccurrences(
      { rrule: "FREQ=HOURLY;COUNT=5", dtstart: "2027-03-28T00:00:00", timezone: "Europe/Berlin" },
      { limit: 10 },
    );
    expect(iso(hours)).toEqual([
      "2027-03-27T23:00:00Z",
      "2027-03-28T00:00:00Z",
      "2027-03-28T01:00:00Z",
      "2027-03-28T02:00:00Z",
    ]);
  });

  test("every 15 minutes across the gap stays in time order even though the gap's times move forward", () => {
    const quarter = expandOccurrences(
      { rrule: "FREQ=MINUTELY;INTERVAL=15", dtstart: "2027-03-28T01:30:00", timezone: "Europe/Berlin" },
      { after: new Date("2027-03-28T00:40:00Z"), limit: 4 },
    );
    expect(iso(quarter)).toEqual([
      "2027-03-28T00:45:00Z",
      "2027-03-28T01:00:00Z",
      "2027-03-28T01:15:00Z",
      "2027-03-28T01:30:00Z",
    ]);
  });

  test("Sydney's DST is the other way round: 9 AM is 23:00Z in winter (June) and 22:00Z in summer (December)", () => {
    const rule = {
      rrule: "FREQ=MONTHLY;BYMONTHDAY=1",
      dtstart: "2026-06-01T09:00:00",
      timezone: "Australia/Sydney",
    };
    const months = expandOccurrences(rule, { limit: 7 });
    expect(iso(months)).toEqual([
      "2026-05-31T23:00:00Z",
      "2026-06-30T23:00:00Z",
      "2026-07-31T23:00:00Z",
      "2026-08-31T23:00:00Z",
      "2026-09-30T23:00:00Z",
      "2026-10-31T22:00:00Z", // DST began on Sunday 4 October
      "2026-11-30T22:00:00Z",
    ]);
  });

  test("Sydney's spring-forward (4 October 2026) moves 02:30 to 03:30, and its fall-back (4 April 2027) takes the earlier 02:30", () => {
    const rule = { rrule: "FREQ=DAILY", dtstart: "2026-10-03T02:30:00", timezone: "Australia/Sydney" };
    const spring = expandOccurrences(rule, { limit: 2 });
    expect(wall(spring, "Australia/Sydney")).toEqual(["2026-10-03T02:30", "2026-10-04T03:30"]);
    const [fallBack] = expandOccurrences(rule, { after: new Date("2027-04-03T00:00:00Z"), limit: 1 });
    expect(fallBack?.toISOString()).toBe("2027-04-03T15:30:00.000Z"); // 02:30 AEDT (+11), not AEST (+10)
  });

  test("a zone with a half-hour offset and no DST (Asia/Kolkata): 9 AM is 03:30Z all year", () => {
    const days = expandOccurrences(
      { rrule: "FREQ=MONTHLY;BYMONTH=1,7", dtstart: "2027-01-15T09:00:00", timezone: "Asia/Kolkata" },
      { limit: 2 },
    );
    expect(iso(days)).toEqual(["2027-01-15T03:30:00Z", "2027-07-15T03:30:00Z"]);
  });
});

describe("dates that do not exist", () => {
  test("monthly on the 31st skips the months that have no 31st", () => {
    const days = expandOccurrences(
      { rrule: "FREQ=MONTHLY;BYMONTHDAY=31", dtstart: "2027-01-31T09:00:00", timezone: "UTC" },
      { limit: 7 },
    );
    expect(wall(days, "UTC").map((d) => d.slice(0, 10))).toEqual([
      "2027-01-31",
      "2027-03-31",
      "2027-05-31",
      "2027-07-31",
      "2027-08-31",
      "2027-10-31",
      "2027-12-31",
    ]);
  });

  test("a monthly rule started on the 31st keeps the 31st rather than moving to the 30th", () => {
    const days = expandOccurrences(
      { rrule: "FREQ=MONTHLY", dtstart: "2027-03-31T09:00:00", timezone: "UTC" },
      { limit: 2 },
    );
    expect(iso(days)).toEqual(["2027-03-31T09:00:00Z", "2027-05-31T09:00:00Z"]);
  });

  test("a yearly rule started on 29 February happens only in leap years", () => {
    const days = expandOccurrences(
      { rrule: "FREQ=YEARLY", dtstart: "2028-02-29T09:00:00", timezone: "UTC" },
      { limit: 3 },
    );
    expect(iso(days)).toEqual(["2028-02-29T09:00:00Z", "2032-02-29T09:00:00Z", "2036-02-29T09:00:00Z"]);
  });
});

describe("the next fire", () => {
  const fridays = {
    rrule: "FREQ=WEEKLY;BYDAY=FR",
    dtstart: "2026-12-04T14:00:00",
    timezone: "Europe/Berlin",
  };

  test("the next occurrence after the one that just fired is the following one, strictly after", () => {
    expect(nextOccurrenceAfter(fridays, new Date("2026-12-04T13:00:00Z"))?.toISOString()).toBe(
      "2026-12-11T13:00:00.000Z",
    );
    expect(nextOccurrenceAfter(fridays, new Date("2026-12-04T12:59:59Z"))?.toISOString()).toBe(
      "2026-12-04T13:00:00.000Z",
    );
  });

  test("there is no next occurrence once COUNT or UNTIL has ended the series", () => {
    expect(nextOccurrenceAfter({ ...fridays, count: 2 }, new Date("2026-12-11T13:00:00Z"))).toBeNull();
    expect(
      nextOccurrenceAfter(
        { ...fridays, until: new Date("2026-12-11T13:00:00Z") },
        new Date("2026-12-11T13:00:00Z"),
      ),
    ).toBeNull();
    expect(
      nextOccurrenceAfter(
        { ...fridays, until: new Date("2026-12-11T13:00:00Z") },
        new Date("2026-12-04T13:00:00Z"),
      )?.toISOString(),
    ).toBe("2026-12-11T13:00:00.000Z");
  });

  test("a series started centuries ago still finds its next occurrence quickly and on the right step", () => {
    // 1901-01-01 to 2850-06-02 is 346768 days, even: an every-other-day occurrence.
    const everyOtherDay = { rrule: "FREQ=DAILY;INTERVAL=2", dtstart: "1901-01-01T09:00:00", timezone: "UTC" };
    expect(nextOccurrenceAfter(everyOtherDay, new Date("2850-06-01T12:00:00Z"))?.toISOString()).toBe(
      "2850-06-02T09:00:00.000Z",
    );
    // 2026-12-04 to 2900-01-01 is 45555 weeks, a multiple of 3.
    const everyThirdFriday = {
      rrule: "FREQ=WEEKLY;INTERVAL=3;BYDAY=FR",
      dtstart: "2026-12-04T09:00:00",
      timezone: "UTC",
    };
    expect(nextOccurrenceAfter(everyThirdFriday, new Date("2899-12-31T12:00:00Z"))?.toISOString()).toBe(
      "2900-01-01T09:00:00.000Z",
    );
  });

  test("a rule that matches only once in decades is found without scanning to the year 9999", () => {
    // 29 February on a Monday: 2044, then 2072.
    const rare = {
      rrule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
      dtstart: "2026-01-01T09:00:00",
      timezone: "UTC",
    };
    expect(iso(expandOccurrences(rare, { limit: 2 }))).toEqual([
      "2044-02-29T09:00:00Z",
      "2072-02-29T09:00:00Z",
    ]);
  });
});
