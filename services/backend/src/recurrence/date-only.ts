import type { SeriesRow } from "../db/schema.ts";

/**
 * A date-only (all-day) series stores its dtstart as a date (`2026-12-07`, RFC 5545's
 * `DTSTART;VALUE=DATE`). Its occurrences are local midnights, which only key and schedule the
 * instances: each instance is due on that local date, with no time (`due_at` null).
 */
export const isDateOnly = (series: Pick<SeriesRow, "dtstart">): boolean => !series.dtstart.includes("T");
