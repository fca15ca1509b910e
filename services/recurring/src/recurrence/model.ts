import { Type } from "@sinclair/typebox";
import { t } from "elysia";

export const MAX_PREVIEW_COUNT = 1000;
export const DEFAULT_PREVIEW_COUNT = 10;

const Instant = t.String({
  maxLength: 40,
  description: "ISO 8601 instant with offset, e.g. 2026-12-04T19:00:00Z",
  examples: ["2026-12-04T19:00:00Z"],
});

export const PreviewRequest = t.Object(
  {
    rrule: t.String({
      maxLength: 1000,
      description: "RFC 5545 RRULE; the RRULE: prefix is optional",
      examples: ["FREQ=WEEKLY;BYDAY=FR"],
    }),
    dtstart: t.String({
      maxLength: 40,
      description:
        "local wall time of the series start, no offset; a date alone (2026-12-04) starts at local midnight",
      examples: ["2026-12-04T14:00:00", "2026-12-04"],
    }),
    timezone: t.String({
      maxLength: 64,
      description: "IANA time zone of dtstart",
      examples: ["Europe/Berlin"],
    }),
    // TypeBox's own Integer: Elysia's t.Integer also takes "5" and, when out of range, answers
    // only "should be one of: 'integer', 'integer'".
    count: t.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PREVIEW_COUNT,
        default: DEFAULT_PREVIEW_COUNT,
        description: "how many occurrences to list",
      }),
    ),
    after: t.Optional({
      ...Instant,
      description: "list only occurrences strictly after this instant; default: from dtstart",
    }),
    until: t.Optional({ ...Instant, description: "list only occurrences at or before this instant" }),
  },
  { additionalProperties: false },
);

export type PreviewRequest = typeof PreviewRequest.static;
