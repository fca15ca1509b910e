import { Value } from "@sinclair/typebox/value";
import { Temporal } from "temporal-polyfill";
import { Validation } from "@todo/service-kit";
import { parseRule, type RuleParts } from "@todo/schemas/recurrence";
import { normalizeRecurrence } from "../../recurrence/normalize-recurrence.ts";
import { instantOf, localDateOf } from "../../time/zoned.ts";
import type { Filters, Intent, InterpretContext, Recurrence, TaskRef } from "../interpreter/intent.ts";
import { describeFilters } from "../interpreter/intents/list-phrase.ts";
import { endOfDay, firstMatchingDay } from "../interpreter/schedule/recurrence.ts";
import { isToolName, TOOL_ARGUMENTS, type ToolArguments, type ToolName } from "./chat-tools.ts";

/** One tool call as the model sent it: a name and its arguments as JSON text. */
export interface ToolCall {
  name: string;
  arguments: string;
}

/** A tool call that cannot be carried out as sent; nothing of its turn is executed. */
export class InvalidToolCall extends Error {}

const PRONOUN = /^(?:it|that|this|that one|this one|the task|the same one|same task)$/i;

function targetOf(task: string): TaskRef {
  const text = task.trim();
  return PRONOUN.test(text) ? { kind: "pronoun" } : { kind: "title", text };
}

// The schema checks the shape; a date like 2026-02-30 passes it and is caught here.
function realDate(date: string, field: string): string {
  try {
    return Temporal.PlainDate.from(date, { overflow: "reject" }).toString();
  } catch {
    throw new InvalidToolCall(`${field}: ${date} is not a real date`);
  }
}

function instantOfLocal(wall: string, field: string, zone: string): string {
  try {
    return instantOf(Temporal.PlainDateTime.from(wall, { overflow: "reject" }), zone).toISOString();
  } catch {
    throw new InvalidToolCall(`${field}: ${wall} is not a real date and time`);
  }
}

// The time of day the model put in its rule (BYHOUR, and BYMINUTE or 0), read from the parsed rule.
function timeOfRule(parts: RuleParts | undefined): string | undefined {
  const hour = parts?.byhour?.[0];
  if (hour === undefined) return undefined;
  const minute = parts?.byminute?.[0] ?? 0;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

// The rule is checked now, as the task service would check it, so that a rule the model got
// wrong ("BYDAY=XX", a series that never comes round) is a bad argument, not a half-done turn.
// With no time of day the series is date-only, as the rules read "buy milk every week", unless a
// reminder at each occurrence needs a time (`timed`): then 9 AM.
function recurrenceOf(
  args: ToolArguments<"make_recurring">["recurrence"],
  ctx: InterpretContext,
  timed = false,
): Recurrence {
  // A rule that does not parse has no time; normalizeRecurrence below refuses it with the reason.
  const parsed = parseRule(args.rrule);
  const parts = parsed.ok ? parsed.value : undefined;
  const time = timeOfRule(parts);
  const recurrence: Recurrence = { rrule: args.rrule };
  const startsOn = args.starts_on ? realDate(args.starts_on, "recurrence.starts_on") : undefined;
  if (!time && !parts?.byminute && !parts?.bysecond && !timed)
    recurrence.dtstart = firstMatchingDay(args.rrule, startsOn ?? localDateOf(ctx.now, ctx.zone));
  else if (startsOn) recurrence.dtstart = `${startsOn}T${time ?? "09:00"}:00`;
  if (args.count) recurrence.count = args.count;
  if (args.until) recurrence.until = endOfDay(realDate(args.until, "recurrence.until"), ctx.zone);
  try {
    normalizeRecurrence(recurrence, ctx.zone, ctx.now);
  } catch (error) {
    if (error instanceof Validation) throw new InvalidToolCall(error.message);
    throw error;
  }
  return recurrence;
}

function rangeLabel(from: string | undefined, to: string | undefined): string | undefined {
  if (from && to) return from === to ? `on ${from}` : `between ${from} and ${to}`;
  if (from) return `from ${from}`;
  return to ? `by ${to}` : undefined;
}

function listIntent(args: ToolArguments<"list_tasks">): Intent {
  const filters: Filters = {};
  if (args.status) filters.status = args.status;
  if (args.priority) filters.priority = args.priority;
  if (args.tags) filters.tags = args.tags.map((tag) => tag.trim().toLowerCase());
  if (args.keyword) filters.q = args.keyword;
  for (const field of ["due_from", "due_to", "completed_from", "completed_to"] as const) {
    const date = args[field];
    if (date) filters[field] = realDate(date, field);
  }
  if (args.sort) filters.sort = args.sort;
  const phrase = describeFilters({
    filters,
    overdue: false,
    dueLabel: rangeLabel(filters.due_from, filters.due_to),
    completedLabel: rangeLabel(filters.completed_from, filters.completed_to),
  });
  return { type: "list", filters, phrase };
}

const lowerTags = (tags: string[]) => tags.map((tag) => tag.trim().toLowerCase());

function addIntent(args: ToolArguments<"add_task">, ctx: InterpretContext): Intent {
  if (args.due_time && !args.due_date) throw new InvalidToolCall("due_time needs a due_date");
  const intent: Extract<Intent, { type: "add" }> = { type: "add", title: args.title.trim() };
  if (args.description) intent.description = args.description;
  if (args.priority) intent.priority = args.priority;
  if (args.tags) intent.tags = lowerTags(args.tags);
  if (args.due_date)
    intent.due = {
      date: realDate(args.due_date, "due_date"),
      ...(args.due_time ? { time: args.due_time } : {}),
    };
  if (args.reminder_at) intent.reminder_at = instantOfLocal(args.reminder_at, "reminder_at", ctx.zone);
  if (args.recurrence) {
    intent.recurrence = recurrenceOf(args.recurrence, ctx, args.remind_each_time === true);
    if (args.remind_each_time) intent.remind_each_time = true;
  }
  return intent;
}

function setDueIntent(args: ToolArguments<"set_due_date">): Intent {
  const target = targetOf(args.task);
  if (args.due_date === null) return { type: "set_due", target, due: null };
  const date = realDate(args.due_date, "due_date");
  return { type: "set_due", target, due: { date, ...(args.due_time ? { time: args.due_time } : {}) } };
}

const tagsIntent =
  (type: "add_tags" | "remove_tags" | "set_tags") =>
  (args: ToolArguments<"add_tags">): Intent => ({
    type,
    target: targetOf(args.task),
    tags: lowerTags(args.tags),
  });

// One builder per tool: a tool added to TOOL_ARGUMENTS without one here breaks the build.
const INTENT_OF: { [N in ToolName]: (args: ToolArguments<N>, ctx: InterpretContext) => Intent } = {
  add_task: addIntent,
  set_priority: (args) => ({ type: "set_priority", target: targetOf(args.task), priority: args.priority }),
  add_tags: tagsIntent("add_tags"),
  remove_tags: tagsIntent("remove_tags"),
  set_tags: tagsIntent("set_tags"),
  rename_task: (args) => ({ type: "rename", target: targetOf(args.task), title: args.new_title.trim() }),
  set_due_date: setDueIntent,
  complete_task: (args) => ({ type: "complete", target: targetOf(args.task) }),
  reopen_task: (args) => ({ type: "reopen", target: targetOf(args.task) }),
  delete_task: (args) => ({ type: "delete", target: targetOf(args.task) }),
  cancel_reminder: (args) => ({ type: "cancel_reminder", target: targetOf(args.task) }),
  cancel_recurrence: (args) => ({ type: "cancel_recurrence", target: targetOf(args.task) }),
  set_reminder: (args, ctx) => ({
    type: "set_reminder",
    target: targetOf(args.task),
    at: instantOfLocal(args.at, "at", ctx.zone),
  }),
  make_recurring: (args, ctx) => ({
    type: "make_recurring",
    target: targetOf(args.task),
    recurrence: recurrenceOf(args.recurrence, ctx),
  }),
  list_tasks: (args) => listIntent(args),
  undo_last_change: () => ({ type: "undo" }),
  ask_user: (args) => ({ type: "clarify", about: "unknown", question: args.question }),
};

// The arguments passed the tool's own schema (checked by the caller), so they are that tool's.
const intentOf = <N extends ToolName>(name: N, input: ToolArguments<N>, ctx: InterpretContext): Intent =>
  (INTENT_OF[name] as (args: ToolArguments<N>, ctx: InterpretContext) => Intent)(input, ctx);

/**
 * The intents a model's tool calls stand for, in order. All or nothing: one unknown tool, one
 * argument that is not JSON, fails its TypeBox schema or names no real date, and the whole turn
 * is refused (InvalidToolCall), so that no half of a request runs on a bad reading.
 */
export function intentsOfToolCalls(calls: ToolCall[], ctx: InterpretContext): Intent[] {
  return calls.map((call) => {
    if (!isToolName(call.name)) throw new InvalidToolCall(`unknown tool ${call.name}`);
    let input: unknown;
    try {
      input = JSON.parse(call.arguments || "{}");
    } catch {
      throw new InvalidToolCall(`${call.name}: arguments are not JSON`);
    }
    const schema = TOOL_ARGUMENTS[call.name];
    if (!Value.Check(schema, input)) {
      const first = Value.Errors(schema, input).First();
      throw new InvalidToolCall(
        `${call.name}: ${first ? `${first.path || "arguments"} ${first.message}` : "arguments do not match the tool"}`,
      );
    }
    return intentOf(call.name, input as ToolArguments<typeof call.name>, ctx);
  });
}
