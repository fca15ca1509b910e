import { t } from "elysia";

const Priority = t.Union([t.Literal("high"), t.Literal("medium"), t.Literal("low")]);
const Status = t.Union([t.Literal("pending"), t.Literal("completed"), t.Literal("cancelled")]);
const DateOnly = t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const Instant = t.String({ format: "date-time", description: "ISO 8601 with offset" });
const Tags = t.Array(t.String({ maxLength: 100 }), { maxItems: 50 });

export const RecurrenceInput = t.Object(
  {
    rrule: t.String({
      minLength: 1,
      maxLength: 500,
      examples: ["FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0"],
    }),
    dtstart: t.Optional(
      t.String({
        maxLength: 40,
        description:
          "local wall time, e.g. 2026-12-04T14:00:00; a date alone (2026-12-04) makes a date-only series",
      }),
    ),
    timezone: t.Optional(t.String({ maxLength: 64, description: "IANA zone; default the user's" })),
    count: t.Optional(t.Integer({ minimum: 1, maximum: 100000 })),
    until: t.Optional(Instant),
  },
  { additionalProperties: false },
);

export const TaskCreate = t.Object(
  {
    title: t.String({ maxLength: 500 }),
    description: t.Optional(t.String({ maxLength: 10000 })),
    priority: t.Optional(Priority),
    tags: t.Optional(Tags),
    due_date: t.Optional(t.Union([DateOnly, t.Null()])),
    due_at: t.Optional(t.Union([Instant, t.Null()])),
    recurrence: t.Optional(t.Union([RecurrenceInput, t.Null()])),
    reminder_time: t.Optional(t.Union([Instant, t.Null()])),
  },
  { additionalProperties: false },
);

export const TaskPatch = t.Object(
  {
    title: t.Optional(t.String({ maxLength: 500 })),
    description: t.Optional(t.String({ maxLength: 10000 })),
    status: t.Optional(Status),
    priority: t.Optional(Priority),
    tags: t.Optional(Tags),
    tags_add: t.Optional(Tags),
    tags_remove: t.Optional(Tags),
    due_date: t.Optional(t.Union([DateOnly, t.Null()])),
    due_at: t.Optional(t.Union([Instant, t.Null()])),
    recurrence: t.Optional(t.Union([RecurrenceInput, t.Null()])),
    reminder_time: t.Optional(t.Union([Instant, t.Null()])),
  },
  { additionalProperties: false },
);

export const RecurrenceView = t.Object({
  rrule: t.String(),
  timezone: t.String(),
  dtstart: t.String(),
  frequency: t.Union([t.Literal("daily"), t.Literal("weekly"), t.Literal("monthly"), t.Literal("yearly")]),
  interval: t.Integer(),
  weekdays: t.Optional(t.Array(t.String())),
  month_days: t.Optional(t.Array(t.Integer())),
  time_of_day: t.Union([t.String(), t.Null()], { description: "HH:mm; null for a date-only series" }),
  count: t.Optional(t.Integer()),
  until: t.Optional(t.String()),
  text: t.String(),
  active: t.Boolean(),
});

export const TaskView = t.Object({
  id: t.String(),
  title: t.String(),
  description: t.String(),
  status: Status,
  priority: Priority,
  tags: t.Array(t.String()),
  due_date: t.Union([t.String(), t.Null()]),
  due_at: t.Union([t.String(), t.Null()]),
  recurrence_rule: t.Union([RecurrenceView, t.Null()]),
  series_id: t.Union([t.String(), t.Null()]),
  occurrence_at: t.Union([t.String(), t.Null()]),
  reminder_time: t.Union([t.String(), t.Null()]),
  completed_at: t.Union([t.String(), t.Null()]),
  created_at: t.String(),
  updated_at: t.String(),
});

export const TaskPage = t.Object({ items: t.Array(TaskView), next_cursor: t.Union([t.String(), t.Null()]) });

export const TaskQuery = t.Object({
  status: t.Optional(t.String({ description: "pending, completed or cancelled (comma list)" })),
  priority: t.Optional(t.String({ description: "comma list of high, medium, low" })),
  tag: t.Optional(
    t.Union([t.String(), t.Array(t.String())], { description: "repeatable; every tag must match" }),
  ),
  q: t.Optional(
    t.String({
      maxLength: 200,
      description:
        "keywords in title or description, case-insensitive, every word in any order, each matching the start of a word; when nothing does, words of 3+ characters match anywhere (part of a word)",
    }),
  ),
  due_from: t.Optional(t.String()),
  due_to: t.Optional(t.String()),
  completed_from: t.Optional(t.String()),
  completed_to: t.Optional(t.String()),
  series_id: t.Optional(t.String()),
  sort: t.Optional(
    t.String({
      description:
        "due, priority, created (default without q) or relevance (default with q: best match first)",
    }),
  ),
  order: t.Optional(
    t.String({ description: "asc or desc; default desc for created, priority and relevance, asc for due" }),
  ),
  limit: t.Optional(t.String({ description: "1–500, default 50" })),
  cursor: t.Optional(t.String()),
});
