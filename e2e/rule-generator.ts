// Seeded RRULE generator for the cross-service acceptance test: mostly well-formed rules over every
// RFC 5545 part, with a share of invalid values, forbidden combinations and never-occurring dates.
import { seededRandom } from "../scripts/testing/seeded-random.ts";

const FREQS = [
  "YEARLY",
  "MONTHLY",
  "WEEKLY",
  "DAILY",
  "DAILY",
  "WEEKLY",
  "HOURLY",
  "MINUTELY",
  "SECONDLY",
  "FORTNIGHTLY",
];
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Australia/Sydney",
  "Asia/Kolkata",
  "UTC",
  "Pacific/Chatham",
  "Mars/Base",
];

export function generateRules(seed: number, n: number): { rrule: string; timezone: string }[] {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]) => list[int(0, list.length - 1)]!;
  const some = (lo: number, hi: number, k: number, signed = false) =>
    Array.from({ length: int(1, k) }, () => (signed && chance(0.3) ? -1 : 1) * int(lo, hi)).join(",");
  return Array.from({ length: n }, () => {
    const parts = [`FREQ=${pick(FREQS)}`];
    if (chance(0.4)) parts.push(`INTERVAL=${chance(0.9) ? int(1, 6) : int(0, 3000)}`);
    if (chance(0.4))
      parts.push(
        `BYDAY=${Array.from({ length: int(1, 3) }, () => `${chance(0.25) ? int(-5, 6) || 1 : ""}${chance(0.97) ? pick(DAYS) : "XX"}`).join(",")}`,
      );
    if (chance(0.25)) parts.push(`BYMONTHDAY=${some(0, 32, 3, true)}`);
    if (chance(0.25)) parts.push(`BYMONTH=${some(1, 12, 3)}`);
    if (chance(0.08)) parts.push(`BYYEARDAY=${some(1, 366, 2, true)}`);
    if (chance(0.08)) parts.push(`BYWEEKNO=${some(1, 53, 2, true)}`);
    if (chance(0.3)) parts.push(`BYHOUR=${some(0, 24, 2)}`);
    if (chance(0.2)) parts.push(`BYMINUTE=${some(0, 59, 2)}`);
    if (chance(0.05)) parts.push(`BYSECOND=${some(0, 59, 2)}`);
    if (chance(0.15)) parts.push(`BYSETPOS=${some(1, 4, 2, true)}`);
    if (chance(0.1)) parts.push(`WKST=${pick(DAYS)}`);
    if (chance(0.2)) parts.push(`COUNT=${int(1, 30)}`);
    if (chance(0.1))
      parts.push(
        `UNTIL=${int(2026, 2030)}${String(int(1, 12)).padStart(2, "0")}${String(int(1, 28)).padStart(2, "0")}T000000Z`,
      );
    return { rrule: parts.join(";"), timezone: chance(0.95) ? pick(ZONES.slice(0, -1)) : "Mars/Base" };
  });
}
