import { describe, expect, test } from "bun:test";
import { expandOccurrences } from "./expand-occurrences.ts";
import type { RecurrenceRule } from "./compile-rule.ts";

const utc = (rrule: string, dtstart: string): RecurrenceRule => ({ rrule, dtstart, timezone: "UTC" });

describe("starting the scan late changes no occurrence", () => {
  // Without `after` the scan walks from dtstart; with it, it starts at the last whole INTERVAL
  // step before `after`. Both must list the same occurrences.
  test.each([
    ["FREQ=MONTHLY;INTERVAL=5", "2027-01-31T09:00:00"],
    ["FREQ=YEARLY;INTERVAL=3", "2028-02-29T07:30:00"],
    ["FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SA;WKST=SU", "2026-12-03T18:00:00"],
    ["FREQ=DAILY;INTERVAL=7;BYHOUR=8,20", "2026-12-03T08:00:00"],
    ["FREQ=HOURLY;INTERVAL=5;BYDAY=MO", "2026-12-03T01:00:00"],
    ["FREQ=MINUTELY;INTERVAL=45;BYMONTHDAY=1", "2026-12-01T00:10:00"],
    ["FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;BYSETPOS=1", "2026-12-03T12:00:00"],
    ["FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO", "2026-12-03T12:00:00"],
  ])("%s from %s", (rrule, dtstart) => {
    const after = new Date("2031-06-15T10:20:00Z");
    const until = new Date("2060-01-01T00:00:00Z");
    const walked = expandOccurrences(utc(rrule, dtstart), { until, limit: 1_000_000 }).filter(
      (d) => d > after,
    );
    const skipped = expandOccurrences(utc(rrule, dtstart), { after, until, limit: 1_000_000 });
    expect(skipped.length).toBeGreaterThan(1);
    expect(skipped).toEqual(walked);
  });
});

describe("the work stays bounded", () => {
  test("a dense rule asked about centuries after its start answers at once", () => {
    const [next] = expandOccurrences(utc("FREQ=MINUTELY;INTERVAL=7", "2026-01-01T00:00:00"), {
      after: new Date("2600-02-01T00:00:00Z"),
      limit: 1,
    });
    // 2026-01-01 to 2600-02-01 is 209680 days = 301939200 minutes, 3 past a multiple of 7.
    expect(next?.toISOString()).toBe("2600-02-01T00:04:00.000Z");
  });

  test("a rare rule with COUNT that is not complete within 400 years is refused with the reason, not listed in part", () => {
    const rare = utc("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=1000", "2026-01-01T09:00:00");
    expect(() => expandOccurrences(rare, { after: new Date("9000-01-01T00:00:00Z"), limit: 10 })).toThrow(
      "COUNT=1000: the series is not complete within 400 years of dtstart (15 occurrences up to 2426)",
    );
  }, 20_000);

  test("a COUNT series is counted from its start, however far ahead the window is", () => {
    const rare = utc("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=5", "2026-01-01T09:00:00");
    expect(
      expandOccurrences(rare, { after: new Date("2100-01-01T00:00:00Z"), limit: 10 }).map((d) =>
        d.getUTCFullYear(),
      ),
    ).toEqual([2112, 2140, 2168]);
    expect(expandOccurrences(rare, { after: new Date("2169-01-01T00:00:00Z"), limit: 10 })).toEqual([]);
  });

  test("a rule that matches nothing in a century answers with nothing, quickly", () => {
    expect(
      expandOccurrences(utc("FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6", "2026-01-01T09:00:00"), { limit: 10 }),
    ).toEqual([]);
  });
});
