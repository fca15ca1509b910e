import { describe, expect, test } from "bun:test";
import { expandRule } from "./index.ts";

const days = (rrule: string, dtstart = "2026-01-01T09:00:00", limit = 10) => {
  const expanded = expandRule({ rrule, dtstart, timezone: "UTC" }, { limit });
  if (!expanded.ok) throw new Error(expanded.problem.message);
  return expanded.value.map((d) => d.toISOString().slice(0, 10));
};

describe("a negative BYSETPOS past a step's set picks nothing, as in RFC 5545 and dateutil", () => {
  test("the fifth-from-last Monday is there only in months with five Mondays", () => {
    // 2026: March, June, August and November have five Mondays; the `rrule` package gave January's first.
    expect(days("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-5;COUNT=4")).toEqual([
      "2026-03-02",
      "2026-06-01",
      "2026-08-03",
      "2026-11-02",
    ]);
  });

  test("the second-to-last of February 28 and 29 exists only in leap years", () => {
    expect(days("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-2;COUNT=3")).toEqual([
      "2028-02-28",
      "2032-02-28",
      "2036-02-28",
    ]);
  });

  test("a position within the set still counts from the end, and a positive one beside it from the start", () => {
    expect(days("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;COUNT=4")).toEqual([
      "2026-01-01",
      "2026-01-30",
      "2026-02-02",
      "2026-02-27",
    ]);
  });

  test("the step dtstart falls in is picked from whole, then the times before dtstart are dropped", () => {
    // January 2026's last weekday is the 30th; from the 31st on, the first is February's.
    expect(days("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-31T09:00:00", 2)).toEqual([
      "2026-02-27",
      "2026-03-31",
    ]);
    expect(days("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=-2", "2026-01-03T09:00:00", 2)).toEqual([
      "2026-01-05",
      "2026-01-12",
    ]);
  });

  test("an unbounded rule whose position no step reaches lists nothing, and the scan ends", () => {
    expect(days("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-6", "2026-01-01T09:00:00", 3)).toEqual([]);
  });
});
