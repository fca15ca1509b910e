import { expect, test } from "bun:test";
import { FormatRegistry } from "@sinclair/typebox";
import "elysia";
import "@elysiajs/openapi";
import { checkBehindFastPath, isCanonicalInstant, isCanonicalUuid } from "@todo/schemas";
import { errorsPlugin } from "./errors-plugin.ts";

// Instants over the years 1000-9999, and the last day of every month of a leap and a common year.
const instants = [
  ...Array.from({ length: 2000 }, () =>
    new Date(
      Date.UTC(1000, 0, 1) + Math.random() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)),
    ).toISOString(),
  ),
  ...[2024, 2026].flatMap((year) =>
    Array.from({ length: 12 }, (_, month) =>
      new Date(Date.UTC(year, month + 1, 0, 23, 59, 59, 999)).toISOString(),
    ),
  ),
];
// Near misses a too lenient fast path would let through.
const nearMissInstants = [
  "2026-12-04T25:00:00.000Z",
  "2026-12-04T13:60:00.000Z",
  "2026-13-04T13:00:00.000Z",
  "2026-00-04T13:00:00.000Z",
  "2026-12-00T13:00:00.000Z",
  "2026-12-32T13:00:00.000Z",
  "2026-12-04T13:00:00.000",
  "2026-12-04 13:00:00.000Z",
];
const nearMissUuids = [
  "6ba7b810-9dad-01d1-80b4-00c04fd430c8",
  "6ba7b810-9dad-91d1-80b4-00c04fd430c8",
  "6ba7b810-9dad-11d1-70b4-00c04fd430c8",
  "6ba7b810-9dad-11d1-c0b4-00c04fd430c8",
  "6ba7b8109dad-11d1-80b4-00c04fd430c8",
];
const uuids = [
  ...Array.from({ length: 500 }, () => crypto.randomUUID()),
  "6ba7b810-9dad-11d1-80b4-00c04fd430c8", // version 1
  "017f22e2-79b0-7cc3-98c4-dc0c0c07398f", // version 7
];

test("every value the fast paths accept, the checks behind them (Elysia's, the OpenAPI plugin's) accept too", () => {
  errorsPlugin(1024); // puts the fast paths in front, as every app does
  expect(instants.every(isCanonicalInstant)).toBe(true);
  expect(uuids.every(isCanonicalUuid)).toBe(true);
  const instantBehind = checkBehindFastPath("date-time")!;
  const uuidBehind = checkBehindFastPath("uuid")!;
  expect(instantBehind).not.toBe(FormatRegistry.Get("date-time"));
  const fastInstants = [...instants, ...nearMissInstants].filter(isCanonicalInstant);
  const fastUuids = [...uuids, ...nearMissUuids].filter(isCanonicalUuid);
  expect(fastInstants.filter((value) => !instantBehind(value))).toEqual([]);
  expect(fastUuids.filter((value) => !uuidBehind(value))).toEqual([]);
});

test("what the fast paths do not accept is still answered by the checks behind them", () => {
  errorsPlugin(1024);
  const instant = FormatRegistry.Get("date-time")!;
  const uuid = FormatRegistry.Get("uuid")!;
  for (const value of ["2026-12-04T13:00:00+01:00", "2026-12-04T13:00Z", "2026-12-04", "tomorrow", ""])
    expect(instant(value)).toBe(checkBehindFastPath("date-time")!(value));
  for (const value of [crypto.randomUUID().toUpperCase(), "6ba7b810-9dad-01d1-80b4-00c04fd430c8", "x"])
    expect(uuid(value)).toBe(checkBehindFastPath("uuid")!(value));
});
