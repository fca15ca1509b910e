import { describe, expect, test } from "bun:test";
import { expandRule } from "./index.ts";

const times = (rrule: string, dtstart: string, limit = 10) => {
  const expanded = expandRule({ rrule, dtstart, timezone: "UTC" }, { limit });
  if (!expanded.ok) throw new Error(expanded.problem.message);
  return expanded.value.map((d) => d.toISOString().slice(0, 19));
};

describe("a sparse SECONDLY or MINUTELY rule is expanded day by day", () => {
  test("one second a day for a thousand days lists all thousand (read as the DAILY rule it is)", () => {
    const listed = times(
      "FREQ=SECONDLY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;COUNT=1000",
      "2026-01-01T09:00:00",
      1000,
    );
    expect(listed).toHaveLength(1000);
    expect(listed[0]).toBe("2026-01-01T09:00:00");
    expect(listed.at(-1)).toBe("2028-09-26T09:00:00");
  });

  test("a step that divides the minute keeps dtstart's phase", () => {
    expect(times("FREQ=SECONDLY;INTERVAL=15;BYHOUR=9;BYMINUTE=0,30", "2026-01-01T08:00:05", 6)).toEqual([
      "2026-01-01T09:00:05",
      "2026-01-01T09:00:20",
      "2026-01-01T09:00:35",
      "2026-01-01T09:00:50",
      "2026-01-01T09:30:05",
      "2026-01-01T09:30:20",
    ]);
    expect(times("FREQ=MINUTELY;INTERVAL=20;BYHOUR=7,19;COUNT=4", "2026-01-01T10:10:30", 10)).toEqual([
      "2026-01-01T19:10:30",
      "2026-01-01T19:30:30",
      "2026-01-01T19:50:30",
      "2026-01-02T07:10:30",
    ]);
  });

  test("times before dtstart on its first day are not listed", () => {
    expect(times("FREQ=SECONDLY;BYHOUR=9,18;BYMINUTE=0;BYSECOND=0;COUNT=3", "2026-01-01T12:00:00")).toEqual([
      "2026-01-01T18:00:00",
      "2026-01-02T09:00:00",
      "2026-01-02T18:00:00",
    ]);
  });
});
