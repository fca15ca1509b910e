import { Type, type Static } from "@sinclair/typebox";

/** The recurring service's `POST /v1/recurrences/preview` answer (the site forwards it as is). */
export const RecurrencePreview = Type.Object({
  occurrences: Type.Array(Type.String({ description: "instant in UTC, e.g. 2026-12-04T13:00:00Z" })),
});
export type RecurrencePreview = Static<typeof RecurrencePreview>;
