import { Temporal } from "temporal-polyfill";

/** True for an IANA zone name this runtime knows (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+\-]+)*$/.test(zone);
  } catch {
    return false; // RangeError: not a zone this runtime knows
  }
}

/** The calendar date of `instant` in `zone`, as `YYYY-MM-DD`. */
export function localDateOf(instant: Date, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** The local wall time of `instant` in `zone`. */
export function wallTimeOf(instant: Date, zone: string): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone).toPlainDateTime();
}

/**
 * The instant a local wall time names in `zone`. A time skipped by a spring-forward gap moves
 * forward by the gap, and an ambiguous fall-back time takes the earlier instant ("compatible").
 */
export function instantOf(wall: Temporal.PlainDateTime, zone: string): Date {
  return new Date(wall.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
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
