import { Value } from "@sinclair/typebox/value";
import { Temporal } from "temporal-polyfill";
import { Validation } from "@todo/service-kit";
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

// The rule is checked now, as the task service would check it, so that a rule the model got
// wrong ("BYDAY=XX", a series that never comes round) is a bad argument, not a half-done turn.
// With no time of day the series is date-only, as the rules read "buy milk every week", unless a
// reminder at each occurrence needs a time (`timed`): then 9 AM.
function recurrenceOf(
  args: ToolArguments<"make_recurring">["recurrence"],
  ctx: InterpretContext,
  timed = false,
): Recurrence {
  const hour = /BYHOUR=(\d+)/.exec(args.rrule)?.[1];
  const minute = /BYMINUTE=(\d+)/.exec(args.rrule)?.[1] ?? "0";
  const time = hour ? `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}` : "09:00";
  const recurrence: Recurrence = { rrule: args.rrule };
  const startsOn = args.starts_on ? realDate(args.starts_on, "recurrence.starts_on") : undefined;
  if (!hour && !/BY(?:MINUTE|SECOND)=/.test(args.rrule) && !timed)
    recurrence.dtstart = firstMatchingDay(args.rrule, startsOn ?? localDateOf(ctx.now, ctx.zone));
  else if (startsOn) recurrence.dtstart = `${startsOn}T${time}:00`;
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

function intentOf<N extends ToolName>(
  name: N,
  input: ToolArguments<ToolName>,
  ctx: InterpretContext,
): Intent {
  switch (name) {
    case "add_task": {
      const args = input as ToolArguments<"add_task">;
      if (args.due_time && !args.due_date) throw new InvalidToolCall("due_time needs a due_date");
      return {
        type: "add",
        title: args.title.trim(),
        ...(args.description ? { description: args.description } : {}),
        ...(args.priority ? { priority: args.priority } : {}),
        ...(args.tags ? { tags: args.tags.map((tag) => tag.trim().toLowerCase()) } : {}),
        ...(args.due_date
          ? {
              due: {
                date: realDate(args.due_date, "due_date"),
                ...(args.due_time ? { time: args.due_time } : {}),
              },
            }
          : {}),
        ...(args.reminder_at
          ? { reminder_at: instantOfLocal(args.reminder_at, "reminder_at", ctx.zone) }
          : {}),
        ...(args.recurrence
          ? { recurrence: recurrenceOf(args.recurrence, ctx, args.remind_each_time === true) }
          : {}),
        ...(args.recurrence && args.remind_each_time ? { remind_each_time: true } : {}),
      };
    }
    case "set_priority": {
      const args = input as ToolArguments<"set_priority">;
      return { type: "set_priority", target: targetOf(args.task), priority: args.priority };
    }
    case "add_tags":
    case "remove_tags":
    case "set_tags": {
      const args = input as ToolArguments<"add_tags">;
      return {
        type: name,
        target: targetOf(args.task),
        tags: args.tags.map((tag) => tag.trim().toLowerCase()),
      };
    }
    case "rename_task": {
      const args = input as ToolArguments<"rename_task">;
      return { type: "rename", target: targetOf(args.task), title: args.new_title.trim() };
    }
    case "set_due_date": {
      const args = input as ToolArguments<"set_due_date">;
      if (args.due_date === null) return { type: "set_due", target: targetOf(args.task), due: null };
      return {
        type: "set_due",
        target: targetOf(args.task),
        due: { date: realDate(args.due_date, "due_date"), ...(args.due_time ? { time: args.due_time } : {}) },
      };
    }
    case "complete_task":
      return { type: "complete", target: targetOf((input as ToolArguments<"complete_task">).task) };
    case "reopen_task":
      return { type: "reopen", target: targetOf((input as ToolArguments<"reopen_task">).task) };
    case "delete_task":
      return { type: "delete", target: targetOf((input as ToolArguments<"delete_task">).task) };
    case "cancel_reminder":
      return { type: "cancel_reminder", target: targetOf((input as ToolArguments<"cancel_reminder">).task) };
    case "cancel_recurrence":
      return {
        type: "cancel_recurrence",
        target: targetOf((input as ToolArguments<"cancel_recurrence">).task),
      };
    case "set_reminder": {
      const args = input as ToolArguments<"set_reminder">;
      return {
        type: "set_reminder",
        target: targetOf(args.task),
        at: instantOfLocal(args.at, "at", ctx.zone),
      };
    }
    case "make_recurring": {
      const args = input as ToolArguments<"make_recurring">;
      return {
        type: "make_recurring",
        target: targetOf(args.task),
        recurrence: recurrenceOf(args.recurrence, ctx),
      };
    }
    case "list_tasks":
      return listIntent(input as ToolArguments<"list_tasks">);
    case "undo_last_change":
      return { type: "undo" };
    case "ask_user":
      return { type: "clarify", about: "unknown", question: (input as ToolArguments<"ask_user">).question };
    default: {
      const never: never = name as never;
      throw new InvalidToolCall(`unknown tool ${String(never)}`);
    }
  }
}

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
    return intentOf(call.name, input as ToolArguments<ToolName>, ctx);
  });
}
