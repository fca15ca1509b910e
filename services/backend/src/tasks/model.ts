import { DateOnly, Instant, Priority, TaskStatus } from "@todo/schemas";
import { t } from "elysia";

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
    status: t.Optional(TaskStatus),
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
