import { Type, type Static, type TLiteral, type TUnion } from "@sinclair/typebox";

/**
 * A union of string literals (two or more: TypeBox makes a one-member union the member itself),
 * the way every closed vocabulary of the contracts is written.
 * @example
 * const Priority = literals("high", "medium", "low"); // anyOf: const "high" | "medium" | "low"
 */
export const literals = <const T extends [string, string, ...string[]]>(...values: T) =>
  Type.Union(values.map((value) => Type.Literal(value))) as unknown as TUnion<{
    [K in keyof T]: TLiteral<T[K]>;
  }>;

/** An instant as ISO 8601 with offset, e.g. `2026-12-04T13:00:00.000Z`. */
export const Instant = Type.String({ format: "date-time", description: "ISO 8601 instant with offset" });
/** A calendar date, `YYYY-MM-DD`. */
export const DateOnly = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
export const Uuid = Type.String({ format: "uuid" });

export const Priority = literals("high", "medium", "low");
export type Priority = Static<typeof Priority>;

export const TaskStatus = literals("pending", "completed", "cancelled");
export type TaskStatus = Static<typeof TaskStatus>;

/** What a notification is about: a one-time reminder or an occurrence of a recurring task. */
export const NotificationKind = literals("reminder", "recurring");
export type NotificationKind = Static<typeof NotificationKind>;

export const NotificationStatus = literals("delivered", "suppressed", "missed", "cancelled");
export type NotificationStatus = Static<typeof NotificationStatus>;

export const Weekday = literals("MO", "TU", "WE", "TH", "FR", "SA", "SU");

/** The frequencies a task may repeat at, as API.md's `recurrence.frequency` names them. */
export const TaskFrequency = literals("daily", "weekly", "monthly", "yearly");
export type TaskFrequency = Static<typeof TaskFrequency>;

/**
 * The structured recurrence rule carried by events: an RFC 5545 RRULE evaluated in local wall
 * time (`dtstart`) in the IANA `timezone`. Consumers never parse natural language.
 */
export const RecurrenceRule = Type.Object({
  series_id: Uuid,
  rrule: Type.String({ minLength: 1, examples: ["FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0"] }),
  timezone: Type.String({ minLength: 1, examples: ["Europe/Berlin"] }),
  dtstart: Type.String({
    description: "local wall time, YYYY-MM-DDTHH:mm:ss; a date-only (all-day) series has YYYY-MM-DD",
    examples: ["2026-12-04T14:00:00", "2026-12-04"],
  }),
  frequency: TaskFrequency,
  interval: Type.Integer({ minimum: 1 }),
  weekdays: Type.Optional(Type.Array(Weekday)),
  month_days: Type.Optional(Type.Array(Type.Integer())),
  // null for a date-only series, whose instances carry a due date only
  time_of_day: Type.Union([Type.String({ pattern: "^\\d{2}:\\d{2}$" }), Type.Null()]),
  count: Type.Optional(Type.Integer({ minimum: 1 })),
  until: Type.Optional(Instant),
  text: Type.String(),
  active: Type.Boolean(),
});
export type RecurrenceRule = Static<typeof RecurrenceRule>;
