import { expect, test } from "bun:test";
import { FormatRegistry } from "@sinclair/typebox";
import {
  addCanonicalFormatFastPaths,
  checkBehindFastPath,
  isCanonicalInstant,
  isCanonicalUuid,
} from "./formats.ts";

test("a canonical instant is Date.toISOString()'s form of a real day in the years 1000-9999", () => {
  const accepted = [
    "2026-12-04T13:00:00.000Z",
    "2024-02-29T23:59:59.999Z",
    "2000-02-29T00:00:00.000Z",
    "1000-01-01T00:00:00.000Z",
    "9999-12-31T23:59:59.999Z",
    new Date().toISOString(),
  ];
  const refused = [
    "2026-02-29T00:00:00.000Z", // 2026 is no leap year
    "2100-02-29T00:00:00.000Z", // nor is 2100
    "2026-04-31T00:00:00.000Z",
    "2026-13-01T00:00:00.000Z",
    "2026-12-04T24:00:00.000Z",
    "2026-12-04T13:00:00Z", // no milliseconds: valid, but for the check behind the fast path
    "2026-12-04T13:00:00.000+01:00",
    "0999-12-31T23:59:59.999Z",
    "+012026-12-04T13:00:00.000Z",
    " 2026-12-04T13:00:00.000Z",
  ];
  expect(accepted.filter((value) => !isCanonicalInstant(value))).toEqual([]);
  expect(refused.filter(isCanonicalInstant)).toEqual([]);
});

test("a canonical uuid is lowercase, of versions 1 to 8 and variant 10xx", () => {
  expect(isCanonicalUuid(crypto.randomUUID())).toBe(true);
  expect(isCanonicalUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(true);
  expect(isCanonicalUuid(crypto.randomUUID().toUpperCase())).toBe(false);
  expect(isCanonicalUuid("6ba7b810-9dad-01d1-80b4-00c04fd430c8")).toBe(false); // version 0
  expect(isCanonicalUuid("6ba7b810-9dad-11d1-c0b4-00c04fd430c8")).toBe(false); // variant 110x
  expect(isCanonicalUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c")).toBe(false);
});

test("given a registered check, the fast path answers canonical values and leaves every other to it", () => {
  const asked: string[] = [];
  const original = FormatRegistry.Get("date-time");
  FormatRegistry.Set("date-time", (value) => {
    asked.push(value);
    return value === "2026-12-04T13:00Z";
  });
  try {
    addCanonicalFormatFastPaths();
    addCanonicalFormatFastPaths(); // a second call wraps nothing twice
    const check = FormatRegistry.Get("date-time")!;
    expect(check("2026-12-04T13:00:00.000Z")).toBe(true);
    expect(check("2026-12-04T13:00Z")).toBe(true);
    expect(check("tomorrow")).toBe(false);
    expect(asked).toEqual(["2026-12-04T13:00Z", "tomorrow"]);
    expect(checkBehindFastPath("date-time")!("2026-12-04T13:00:00.000Z")).toBe(false);
  } finally {
    if (original) FormatRegistry.Set("date-time", original);
  }
});
