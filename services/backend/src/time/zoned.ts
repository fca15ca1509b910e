import { Temporal } from "temporal-polyfill";
import { checkZone, instantOf, wallTimeOf } from "@todo/schemas/recurrence";

/** True for an IANA zone name the recurrence core accepts (e.g. `Europe/Berlin`, `UTC`). */
export const isValidTimeZone = (zone: string): boolean => checkZone(zone).ok;

// Wall time ↔ instant lives in the recurrence core, with its gap and overlap rules.
export { instantOf, wallTimeOf };

/** The calendar date of `instant` in `zone`, as `YYYY-MM-DD`. */
export function localDateOf(instant: Date, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(zone)
    .toPlainDate()
    .toString();
}

/** The first instant of `date` (`YYYY-MM-DD`) in `zone`. */
export function startOfDay(date: string, zone: string): Date {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
}

/** `date` plus `days` calendar days, as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  try {
    Temporal.PlainDate.from(date, { overflow: "reject" });
    return true;
  } catch {
    return false; // RangeError: no such calendar date (e.g. 2026-02-30)
  }
}
