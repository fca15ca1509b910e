import { describe, expect, test } from "bun:test";
import { RuleError } from "./rule-problem.ts";
import { compileRule, type RecurrenceRule } from "./compile-rule.ts";
import { expandOccurrences } from "./expand-occurrences.ts";

const rule = (rrule: string, more: Partial<RecurrenceRule> = {}): RecurrenceRule => ({
  rrule,
  dtstart: "2026-12-01T09:00:00",
  timezone: "Europe/Berlin",
  ...more,
});

function problemWith(input: RecurrenceRule): RuleError {
  try {
    compileRule(input);
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe("a rule the rrule package would take silently is refused with the reason", () => {
  test.each([
    ["FREQ=BLAH", "rrule: FREQ=BLAH is not a frequency"],
    ["FREQ=WEEKLY;BYDAY=XX", "rrule: BYDAY has an unknown weekday 'XX'"],
    ["FREQ=MONTHLY;BYMONTHDAY=40", "rrule: BYMONTHDAY=40 is out of range"],
    ["FREQ=MONTHLY;BYMONTHDAY=0", "rrule: BYMONTHDAY=0 is out of range"],
    ["FREQ=DAILY;INTERVAL=0", "rrule: INTERVAL=0 is out of range"],
    ["FREQ=DAILY;BYHOUR=24", "rrule: BYHOUR=24 is out of range (0 to 23)"],
    ["FREQ=DAILY;BYMINUTE=5,60", "rrule: BYMINUTE=60 is out of range"],
    ["FREQ=YEARLY;BYMONTH=13", "rrule: BYMONTH=13 is out of range"],
    ["FREQ=DAILY;COUNT=three", "rrule: COUNT=THREE is not a whole number"],
    ["FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z", "rrule: COUNT and UNTIL cannot both be given"],
    ["FREQ=DAILY;UNTIL=20270230T000000Z", "rrule: UNTIL=20270230T000000Z is not a real date"],
    ["FREQ=DAILY;UNTIL=tomorrow", "rrule: UNTIL=TOMORROW is not a date"],
    ["FREQ=WEEKLY;WKST=XX", "rrule: WKST has an unknown weekday 'XX'"],
    ["BYDAY=MO", "rrule: needs a FREQ"],
    ["FREQ=DAILY;FREQ=WEEKLY", "rrule: FREQ is given twice"],
    ["FREQ=DAILY;WHENEVER=1", "rrule: WHENEVER is not an RRULE part"],
    ["FREQ=DAILY;", "rrule: has an empty part"],
    ["FREQ", "rrule: 'FREQ' is not NAME=VALUE"],
    ["", "rrule: must not be empty"],
    ["DTSTART:20261201T090000\nRRULE:FREQ=DAILY", "rrule: must be one RRULE line"],
  ])("%j: %s", (rrule, message) => {
    const problem = problemWith(rule(rrule));
    expect(problem.field).toBe("rrule");
    expect(problem.message).toStartWith(message);
  });
});

describe("combinations RFC 5545 forbids are refused", () => {
  test.each([
    [
      "FREQ=WEEKLY;BYDAY=1MO",
      "BYDAY=1MO: a position such as 1MO or -1FR only works with FREQ=MONTHLY or FREQ=YEARLY",
    ],
    ["FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "a position cannot be combined with BYWEEKNO"],
    ["FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY"],
    ["FREQ=MONTHLY;BYYEARDAY=100", "BYYEARDAY cannot be used with FREQ=MONTHLY"],
    ["FREQ=MONTHLY;BYWEEKNO=20", "BYWEEKNO only works with FREQ=YEARLY"],
    ["FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY part"],
  ])("%s", (rrule, message) => {
    expect(problemWith(rule(rrule)).message).toContain(message);
  });
});

describe("a rule that can never occur is refused instead of searched for until the year 9999", () => {
  test.each([
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2026-12-01T09:00:00", "BYMONTHDAY=30 does not exist in month 2"],
    [
      "FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31",
      "2026-12-01T09:00:00",
      "BYMONTHDAY=31 does not exist in months 4,6,9,11",
    ],
    ["FREQ=MONTHLY;BYDAY=6MO", "2026-12-01T09:00:00", "a month has at most 5 of each weekday"],
    [
      "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3",
      "2026-02-01T09:00:00",
      "BYMONTH=3 is never reached by FREQ=MONTHLY;INTERVAL=12 from a dtstart in month 2",
    ],
    [
      "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
      "2026-12-01T09:00:00",
      "every 7 days from a TU dtstart only lands on TU, never on BYDAY=MO",
    ],
    [
      "FREQ=HOURLY;INTERVAL=24;BYHOUR=10",
      "2026-12-01T09:00:00",
      "every 24 hours from 09:00:00 never reaches BYHOUR=10",
    ],
    [
      "FREQ=MINUTELY;INTERVAL=30;BYMINUTE=15",
      "2026-12-01T09:00:00",
      "every 30 minutes from 09:00:00 never reaches BYMINUTE=15",
    ],
    [
      "FREQ=MINUTELY;INTERVAL=30;BYHOUR=9;BYMINUTE=15",
      "2026-12-01T09:00:00",
      "every 30 minutes from 09:00:00 never reaches BYHOUR=9;BYMINUTE=15",
    ],
    [
      "FREQ=SECONDLY;INTERVAL=10;BYSECOND=5",
      "2026-12-01T09:00:00",
      "every 10 seconds from 09:00:00 never reaches BYSECOND=5",
    ],
    [
      "FREQ=MINUTELY;BYSECOND=0,30;BYSETPOS=3",
      "2026-12-01T09:00:00",
      "BYSETPOS=3 picks past the 2 times each FREQ=MINUTELY step holds",
    ],
  ])("%s from %s", (rrule, dtstart, message) => {
    const problem = problemWith(rule(rrule, { dtstart }));
    expect(problem.message).toContain("never produces an occurrence");
    expect(problem.message).toContain(message);
  });

  test("every 7 minutes between 9 and 10 keeps stepping 7 minutes through the night, so the next day starts at 09:02", () => {
    const times = expandOccurrences(rule("FREQ=MINUTELY;INTERVAL=7;BYHOUR=9", { timezone: "UTC" }), {
      limit: 10,
    }).map((d) => d.toISOString().slice(5, 16));
    expect(times).toEqual([
      "12-01T09:00",
      "12-01T09:07",
      "12-01T09:14",
      "12-01T09:21",
      "12-01T09:28",
      "12-01T09:35",
      "12-01T09:42",
      "12-01T09:49",
      "12-01T09:56",
      "12-02T09:02",
    ]);
  });

  test("BYSETPOS picks from the times each sub-daily step holds", () => {
    const hourly = expandOccurrences(rule("FREQ=HOURLY;BYMINUTE=0,20,40;BYSETPOS=-1", { timezone: "UTC" }), {
      limit: 2,
    }).map((d) => d.toISOString().slice(11, 16));
    expect(hourly).toEqual(["09:40", "10:40"]);
    const secondly = expandOccurrences(
      rule("FREQ=SECONDLY;INTERVAL=20;BYMONTH=12;BYSETPOS=1", { timezone: "UTC" }),
      { limit: 2 },
    ).map((d) => d.toISOString().slice(11, 19));
    expect(secondly).toEqual(["09:00:00", "09:00:20"]);
  });
});

describe("a date-only dtstart (DTSTART;VALUE=DATE)", () => {
  test("gives instants at local midnight, which follow the zone's offset across DST", () => {
    const weekly = rule("FREQ=WEEKLY;BYDAY=SA", { dtstart: "2027-03-13", timezone: "America/New_York" });
    expect(expandOccurrences(weekly, { limit: 2 }).map((d) => d.toISOString())).toEqual([
      "2027-03-13T05:00:00.000Z",
      "2027-03-20T04:00:00.000Z",
    ]);
  });
});

describe("the zone, the start and the series' end", () => {
  test("an unknown zone and a fixed offset are refused as the timezone", () => {
    expect(problemWith(rule("FREQ=DAILY", { timezone: "Mars/Base" })).message).toBe(
      "timezone: unknown time zone 'Mars/Base'",
    );
    expect(problemWith(rule("FREQ=DAILY", { timezone: "+02:00" })).field).toBe("timezone");
  });

  test.each([
    ["2026-12-04T14:00:00Z", "must be a local wall time"],
    ["2026-12-4", "must be a local wall time like 2026-12-04T14:00:00 or a date like 2026-12-04"],
    ["2026-02-30T09:00:00", "is not a real date and time"],
    ["1850-01-01T09:00:00", "year must be between 1900 and 9999"],
  ])("dtstart %s is refused: %s", (dtstart, message) => {
    const problem = problemWith(rule("FREQ=DAILY", { dtstart }));
    expect(problem.field).toBe("dtstart");
    expect(problem.message).toContain(message);
  });

  test("a series end given twice, or both as a count and an UNTIL, is refused", () => {
    expect(problemWith(rule("FREQ=DAILY;COUNT=2", { count: 3 })).message).toContain("count: is given twice");
    expect(
      problemWith(rule("FREQ=DAILY;UNTIL=20270101T000000Z", { until: new Date("2027-01-01T00:00:00Z") }))
        .message,
    ).toContain("until: is given twice");
    expect(problemWith(rule("FREQ=DAILY;UNTIL=20270101T000000Z", { count: 3 })).message).toContain(
      "COUNT and UNTIL cannot both be given",
    );
    expect(problemWith(rule("FREQ=DAILY", { count: 0 })).field).toBe("count");
  });
});

describe("what is accepted", () => {
  test("the RRULE: prefix, lower case and signed positions are fine", () => {
    const fridays = expandOccurrences(rule("rrule:freq=monthly;byday=+1fr,-1FR"), { limit: 2 });
    expect(fridays.map((d) => d.toISOString())).toEqual([
      "2026-12-04T08:00:00.000Z",
      "2026-12-25T08:00:00.000Z",
    ]);
  });

  test("an UNTIL that is only a date includes that whole local day", () => {
    const days = expandOccurrences(rule("FREQ=DAILY;UNTIL=20261203", { dtstart: "2026-12-01T23:30:00" }), {
      limit: 10,
    });
    expect(days.map((d) => d.toISOString())).toEqual([
      "2026-12-01T22:30:00.000Z",
      "2026-12-02T22:30:00.000Z",
      "2026-12-03T22:30:00.000Z",
    ]);
  });

  test("count and until given beside the rule end the series like COUNT and UNTIL", () => {
    expect(expandOccurrences(rule("FREQ=DAILY", { count: 2 }), { limit: 10 })).toHaveLength(2);
    expect(
      expandOccurrences(rule("FREQ=DAILY", { until: new Date("2026-12-03T08:00:00Z") }), { limit: 10 }),
    ).toHaveLength(3);
  });
});
