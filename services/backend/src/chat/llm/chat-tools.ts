import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { DateOnly, Priority, TaskStatus } from "@todo/schemas";

/**
 * The tools an LLM may call: one per intent of the rules interpreter, so both adapters produce
 * the same structured actions. Dates and times are the user's local wall clock (the model is
 * told the user's zone and "now"); the adapter turns them into instants with Temporal, which
 * the model cannot be trusted to do across DST changes. Every argument is checked against these
 * schemas (and for real dates) before anything runs.
 */

const DATE = Type.String({ pattern: DateOnly.pattern, description: "a local date, YYYY-MM-DD" });
const TIME = Type.String({
  pattern: String.raw`^([01]\d|2[0-3]):[0-5]\d$`,
  description: "a local time of day, 24 h HH:mm",
});
const LOCAL_DATE_TIME = Type.String({
  pattern: String.raw`^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`,
  description: "a local wall time in the user's time zone, YYYY-MM-DDTHH:mm (no offset)",
});
const TASK = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'the task\'s title as the user named it, or "it" for the task just talked about',
});
const TAGS = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
  minItems: 1,
  maxItems: 20,
  description: "tag names, lowercase",
});
const RECURRENCE = Type.Object(
  {
    rrule: Type.String({
      pattern: "^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$",
      maxLength: 300,
      description:
        "an RFC 5545 RRULE without DTSTART, with BYHOUR and BYMINUTE when a time was said, e.g. FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0",
    }),
    starts_on: Type.Optional(DATE),
    until: Type.Optional(
      Type.String({ pattern: DATE.pattern, description: "the last local date of the series, YYYY-MM-DD" }),
    ),
    count: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: "how many occurrences in all" }),
    ),
  },
  { additionalProperties: false },
);
const target = { task: TASK };
const strict = <T extends Record<string, TSchema>>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

export const TOOL_ARGUMENTS = {
  add_task: strict({
    title: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    priority: Type.Optional(Priority),
    tags: Type.Optional(TAGS),
    due_date: Type.Optional(DATE),
    due_time: Type.Optional(TIME),
    reminder_at: Type.Optional(LOCAL_DATE_TIME),
    recurrence: Type.Optional(RECURRENCE),
    remind_each_time: Type.Optional(
      Type.Boolean({ description: "the user asked to be reminded at each occurrence" }),
    ),
  }),
  set_priority: strict({ ...target, priority: Priority }),
  add_tags: strict({ ...target, tags: TAGS }),
  remove_tags: strict({ ...target, tags: TAGS }),
  set_tags: strict({
    ...target,
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 }),
  }),
  rename_task: strict({ ...target, new_title: Type.String({ minLength: 1, maxLength: 500 }) }),
  set_due_date: strict({
    ...target,
    due_date: Type.Union([DATE, Type.Null()], { description: "null removes the due date" }),
    due_time: Type.Optional(TIME),
  }),
  complete_task: strict(target),
  reopen_task: strict(target),
  delete_task: strict(target),
  set_reminder: strict({ ...target, at: LOCAL_DATE_TIME }),
  cancel_reminder: strict(target),
  make_recurring: strict({ ...target, recurrence: RECURRENCE }),
  cancel_recurrence: strict(target),
  list_tasks: strict({
    status: Type.Optional(TaskStatus),
    priority: Type.Optional(Type.Array(Priority, { minItems: 1, maxItems: 3 })),
    tags: Type.Optional(TAGS),
    keyword: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "a word in the title or description" }),
    ),
    due_from: Type.Optional(DATE),
    due_to: Type.Optional(DATE),
    completed_from: Type.Optional(DATE),
    completed_to: Type.Optional(DATE),
    sort: Type.Optional(Type.Union([Type.Literal("due"), Type.Literal("priority"), Type.Literal("created")])),
  }),
  undo_last_change: strict({}),
  ask_user: strict({
    question: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: "a clarifying question; nothing changes",
    }),
  }),
};

export type ToolName = keyof typeof TOOL_ARGUMENTS;
export type ToolArguments<N extends ToolName> = Static<(typeof TOOL_ARGUMENTS)[N]>;

const DESCRIPTIONS: Record<ToolName, string> = {
  add_task: "Create a new task, optionally recurring (recurrence) or with a one-time reminder (reminder_at).",
  set_priority: "Change an existing task's priority.",
  add_tags: "Add tags to an existing task, keeping its other tags.",
  remove_tags: "Remove tags from an existing task.",
  set_tags: "Replace all of an existing task's tags.",
  rename_task: "Change an existing task's title.",
  set_due_date: "Set, move or remove an existing task's due date.",
  complete_task: "Mark an existing task as done.",
  reopen_task: "Mark a completed task as not done again.",
  delete_task: "Delete an existing task.",
  set_reminder: "Set or move the one-time reminder of an existing task.",
  cancel_reminder: "Cancel an existing task's reminder.",
  make_recurring: "Make an existing task repeat on a schedule.",
  cancel_recurrence: 'Stop a recurring task\'s series ("stop the weekly standup").',
  list_tasks: "List or search tasks; every filter given must match.",
  undo_last_change: 'Undo the last change made in this conversation ("undo", "undo that", "take that back").',
  ask_user: "Ask the user a question instead of guessing, e.g. when a schedule or a task is unclear.",
};

export const TOOL_NAMES = Object.keys(TOOL_ARGUMENTS) as ToolName[];

export const isToolName = (name: string): name is ToolName => Object.hasOwn(TOOL_ARGUMENTS, name);

/** The `tools` of a chat completions request: TypeBox schemas are JSON Schema already. */
export const OPENAI_TOOLS = TOOL_NAMES.map((name) => ({
  type: "function" as const,
  function: {
    name,
    description: DESCRIPTIONS[name],
    parameters: JSON.parse(JSON.stringify(TOOL_ARGUMENTS[name])) as Record<string, unknown>,
  },
}));
