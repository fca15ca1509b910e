import { Temporal } from "temporal-polyfill";
import { Validation } from "@todo/service-kit";
import { expandRule } from "@todo/schemas/recurrence";
import type { RecurrencePreview } from "@todo/schemas/api";
import { DEFAULT_PREVIEW_COUNT, type PreviewRequest } from "./model.ts";

// An instant must carry its offset: "2026-12-04T19:00" alone would silently mean the server's zone.
function parseInstant(text: string, field: string): Date {
  try {
    return new Date(Temporal.Instant.from(text).epochMilliseconds);
  } catch {
    throw new Validation(
      field,
      `must be an ISO 8601 instant with an offset, like 2026-12-04T19:00:00Z; got '${text}'`,
    );
  }
}

/** `2026-12-04T13:00:00Z`: UTC, to the second, as API.md writes instants. */
const formatInstant = (instant: Date) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toString({ smallestUnit: "second" });

/**
 * The next occurrences of a rule, for `POST /v1/recurrences/preview`: `count` of them (default
 * 10), strictly after `after` when given (else from dtstart), none past `until`.
 */
export function previewRecurrence(request: PreviewRequest): RecurrencePreview {
  const after = request.after === undefined ? undefined : parseInstant(request.after, "after");
  const until = request.until === undefined ? undefined : parseInstant(request.until, "until");
  const occurrences = expandRule(
    { rrule: request.rrule, dtstart: request.dtstart, timezone: request.timezone },
    { after, until, limit: request.count ?? DEFAULT_PREVIEW_COUNT },
  );
  if (!occurrences.ok) throw new Validation(occurrences.problem.field, occurrences.problem.message);
  return { occurrences: occurrences.value.map(formatInstant) };
}
