import { Temporal } from "temporal-polyfill";
import { RuleError, type RuleField } from "./rule-problem.ts";

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

// rrule iterates with JS Dates up to year 9999; before 1900 most zones ran on local mean time,
// which no user means when they say "every Friday at 2 PM".
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 9999;

/**
 * A local wall time such as `2026-12-04T14:00:00` (seconds optional, no offset, no zone), or a
 * date alone (`2026-12-04`, RFC 5545's `DTSTART;VALUE=DATE`), which starts at local midnight.
 * Throws RuleError naming `field` for anything else, including dates that do not exist.
 */
export function parseWallTime(text: string, field: RuleField): Temporal.PlainDateTime {
  if (!WALL_TIME.test(text)) {
    throw new RuleError(
      field,
      `must be a local wall time like 2026-12-04T14:00:00 or a date like 2026-12-04 (no offset or Z), got '${text}'`,
    );
  }
  let wall: Temporal.PlainDateTime;
  try {
    wall = Temporal.PlainDateTime.from(text, { overflow: "reject" });
  } catch {
    throw new RuleError(field, `'${text}' is not a real date and time`);
  }
  if (wall.year < FIRST_YEAR || wall.year > LAST_YEAR)
    throw new RuleError(field, `year must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
  return wall;
}

/**
 * The zone's canonical IANA name. Fixed offsets such as `+02:00` are refused: an offset has no
 * DST rules, so "every Friday at 2 PM" would drift by an hour twice a year for its user.
 */
export function checkTimeZone(zone: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || zone.length > 64) {
    throw new RuleError("timezone", `'${zone}' is not an IANA time zone name like Europe/Berlin`);
  }
  try {
    return Temporal.PlainDate.from("2000-01-01").toZonedDateTime(zone).timeZoneId;
  } catch {
    throw new RuleError("timezone", `unknown time zone '${zone}'`);
  }
}

/**
 * The instant a local wall time names in `zone`. A time skipped by a spring-forward gap moves
 * forward by the length of the gap, and a time that happens twice at fall-back takes the
 * earlier instant: Temporal's "compatible" disambiguation, which is also what RFC 5545
 * (section 3.3.5) prescribes for recurrence instances.
 */
export function instantOf(wall: Temporal.PlainDateTime, zone: string): Date {
  return new Date(wall.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
}

/** The local wall time of `instant` in `zone`. */
export function wallTimeOf(instant: Date, zone: string): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone).toPlainDateTime();
}

// rrule runs in "floating" time only: a Date whose UTC fields hold the local wall time. Its own
// tzid support converts through the host's zone and gets DST wrong, so zones stay with Temporal.
export function toFloating(wall: Temporal.PlainDateTime): Date {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date;
}

export function fromFloating(date: Date): Temporal.PlainDateTime {
  return new Temporal.PlainDateTime(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
}
