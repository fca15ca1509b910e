import { expect, test } from "bun:test";
import { occurrenceReminderId, occurrenceTaskId } from "./occurrence-id.ts";

const series = "8c0e2f5a-3b1d-4c6e-9f7a-1b2c3d4e5f60";

test("an occurrence's task id is a stable v5 UUID of the series and the instant", () => {
  const id = occurrenceTaskId(series, "2026-12-04T13:00:00Z");
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(occurrenceTaskId(series, new Date("2026-12-04T14:00:00+01:00"))).toBe(id);
  expect(occurrenceTaskId(series.toUpperCase(), "2026-12-04T13:00:00.000Z")).toBe(id);
});

test("other occurrences, other series and reminders get other ids", () => {
  const id = occurrenceTaskId(series, "2026-12-04T13:00:00Z");
  expect(occurrenceTaskId(series, "2026-12-11T13:00:00Z")).not.toBe(id);
  expect(occurrenceTaskId(crypto.randomUUID(), "2026-12-04T13:00:00Z")).not.toBe(id);
  expect(occurrenceReminderId(series, "2026-12-04T13:00:00Z")).not.toBe(id);
});
