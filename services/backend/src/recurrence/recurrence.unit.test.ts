import { describe, expect, test } from "bun:test";
import { Validation } from "@todo/service-kit";
import { normalizeRecurrence } from "./normalize-recurrence.ts";

const NOW = new Date("2026-11-28T10:00:00Z"); // a Saturday

describe("normalizeRecurrence", () => {
  test.each([
    ["FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0", "every Friday at 2 PM"],
    ["FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", "every Monday at 9 AM"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30", "every weekday at 8:30 AM"],
    ["FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10", "every weekend day at 10 AM"],
    ["FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=18", "every Monday and Wednesday at 6 PM"],
    ["FREQ=DAILY;BYHOUR=7", "every day at 7 AM"],
    ["FREQ=DAILY;INTERVAL=3;BYHOUR=12", "every 3 days at 12 PM"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=0", "every other week on Tuesday at 12 AM"],
    ["FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9", "every month on the 1st at 9 AM"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9", "every month on the last day at 9 AM"],
    ["FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17", "every month on the last Friday at 5 PM"],
    ["FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;BYHOUR=9", "every month on the second Tuesday at 9 AM"],
    ["FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5;BYHOUR=9", "every year on March 5 at 9 AM"],
  ])("%s reads as '%s'", (rrule, text) => {
    expect(normalizeRecurrence({ rrule }, "UTC", NOW).text).toBe(text);
  });

  test("the first occurrence is the next one in the user's zone, not the server's", () => {
    const berlin = normalizeRecurrence(
      { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
      "Europe/Berlin",
      NOW,
    );
    expect(berlin.firstOccurrence.toISOString()).toBe("2026-12-04T13:00:00.000Z");
    const tokyo = normalizeRecurrence(
      { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
      "Asia/Tokyo",
      NOW,
    );
    expect(tokyo.firstOccurrence.toISOString()).toBe("2026-12-04T05:00:00.000Z");
    const la = normalizeRecurrence({ rrule: "FREQ=DAILY;BYHOUR=9" }, "America/Los_Angeles", NOW);
    expect(la.firstOccurrence.toISOString()).toBe("2026-11-28T17:00:00.000Z"); // 9 AM PST today
  });

  test("a time that has passed today moves to the next matching day", () => {
    const r = normalizeRecurrence({ rrule: "FREQ=DAILY;BYHOUR=9" }, "UTC", NOW);
    expect(r.firstOccurrence.toISOString()).toBe("2026-11-29T09:00:00.000Z");
    expect(r.dtstart).toBe("2026-11-29T09:00:00");
  });

  test("a dtstart with seconds first fires that same day at that second, when the rule names no time", () => {
    const now = new Date("2026-11-28T14:44:00Z");
    const r = normalizeRecurrence(
      { rrule: "FREQ=DAILY", dtstart: "2026-11-28T14:44:45", timezone: "UTC" },
      "UTC",
      now,
    );
    expect(r.firstOccurrence.toISOString()).toBe("2026-11-28T14:44:45.000Z");
    expect(r.rrule).toContain("BYSECOND=45");
    const pinned = normalizeRecurrence(
      { rrule: "FREQ=DAILY;BYHOUR=16", dtstart: "2026-11-28T14:44:45", timezone: "UTC" },
      "UTC",
      now,
    );
    expect(pinned.firstOccurrence.toISOString()).toBe("2026-11-28T16:00:00.000Z");
  });

  test("an explicit dtstart and zone are kept, and the rule's own time wins", () => {
    const r = normalizeRecurrence(
      { rrule: "FREQ=WEEKLY;BYDAY=FR", dtstart: "2026-12-04T14:00:00", timezone: "Europe/Berlin" },
      "UTC",
      NOW,
    );
    expect(r).toMatchObject({
      timezone: "Europe/Berlin",
      dtstart: "2026-12-04T14:00:00",
      text: "every Friday at 2 PM",
    });
    expect(r.firstOccurrence.toISOString()).toBe("2026-12-04T13:00:00.000Z");
  });

  test("a spring-forward gap moves the occurrence forward by the gap", () => {
    // 2027-03-28 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00).
    const r = normalizeRecurrence(
      { rrule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=30", dtstart: "2027-03-28T02:30:00", timezone: "Europe/Berlin" },
      "UTC",
      new Date("2027-03-27T12:00:00Z"),
    );
    expect(r.firstOccurrence.toISOString()).toBe("2027-03-28T01:30:00.000Z"); // 03:30 CEST
  });

  test("an ambiguous fall-back time takes the earlier instant", () => {
    // 2026-11-01 01:30 happens twice in New York; the first is EDT (UTC-4).
    const r = normalizeRecurrence(
      {
        rrule: "FREQ=DAILY;BYHOUR=1;BYMINUTE=30",
        dtstart: "2026-11-01T01:30:00",
        timezone: "America/New_York",
      },
      "UTC",
      new Date("2026-10-31T12:00:00Z"),
    );
    expect(r.firstOccurrence.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  test("COUNT and UNTIL are kept apart from the rule and end the series", () => {
    const counted = normalizeRecurrence({ rrule: "FREQ=DAILY;COUNT=3;BYHOUR=9" }, "UTC", NOW);
    expect(counted).toMatchObject({ count: 3, text: "every day at 9 AM, 3 times" });
    expect(counted.rrule).not.toContain("COUNT");
    const ended = () =>
      normalizeRecurrence({ rrule: "FREQ=DAILY", until: "2026-01-01T00:00:00Z" }, "UTC", NOW);
    expect(ended).toThrow("no occurrence in the future");
  });

  test.each([
    ["", "must not be empty"],
    ["FREQ=SOMETIMES", "is not a frequency"],
    ["FREQ=HOURLY", "DAILY, WEEKLY, MONTHLY or YEARLY"],
    ["BYDAY=MO", "needs a FREQ"],
    ["FREQ=WEEKLY;BYDAY=XX", "unknown weekday"],
    ["FREQ=DAILY;BYHOUR=25", "BYHOUR=25"],
    ["FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0"],
    ["FREQ=DAILY;INTERVAL=0", "INTERVAL=0"],
    ["FREQ=DAILY;COUNT=2;UNTIL=20270101T000000Z", "COUNT and UNTIL"],
    ["DTSTART:20261204T140000\nRRULE:FREQ=DAILY", "must be one RRULE line"],
    ["FREQ=DAILY;WHENEVER=1", "WHENEVER is not an RRULE part"],
  ])("'%s' is rejected: %s", (rrule, message) => {
    const attempt = () => normalizeRecurrence({ rrule }, "UTC", NOW);
    expect(attempt).toThrow(Validation);
    expect(attempt).toThrow(message);
  });

  test("bad zones and dtstarts name their field", () => {
    expect(() => normalizeRecurrence({ rrule: "FREQ=DAILY", timezone: "Mars/Base" }, "UTC", NOW)).toThrow(
      "recurrence.timezone",
    );
    expect(() =>
      normalizeRecurrence({ rrule: "FREQ=DAILY", dtstart: "2026-12-04T14:00:00Z" }, "UTC", NOW),
    ).toThrow("recurrence.dtstart");
    expect(() =>
      normalizeRecurrence({ rrule: "FREQ=DAILY", dtstart: "2026-02-30T09:00:00" }, "UTC", NOW),
    ).toThrow("recurrence.dtstart");
  });
});
