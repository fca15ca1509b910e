import { Validation } from "@todo/service-kit";

/**
 * An instant from a request, refused (on `field`) unless it is a date the database gives back as
 * given: PostgreSQL prints a year before 1000 with fewer digits than JavaScript reads ("0099-…" comes
 * back as 1999, "0029-…" as an invalid date), and years past 9999 have no ISO 8601 form without a sign.
 * @example parseInstant("due_at", "2026-12-04T13:00:00Z", "must be an ISO 8601 instant with offset")
 */
export function parseInstant(field: string, value: string, notAnInstant: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Validation(field, notAnInstant);
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new Validation(field, "must be in the years 1000 to 9999");
  return date;
}
