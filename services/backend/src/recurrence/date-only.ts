/**
 * A date-only (all-day) series stores its dtstart as a date (`2026-12-07`, RFC 5545's
 * `DTSTART;VALUE=DATE`). Its occurrences are local midnights, which only key and schedule the
 * instances: each instance is due on that local date, with no time (`due_at` null).
 * A schedule the chat read with no dtstart yet is not date-only: the API gives it a time.
 */
export const isDateOnly = (series: { dtstart?: string }): boolean =>
  series.dtstart !== undefined && !series.dtstart.includes("T");
