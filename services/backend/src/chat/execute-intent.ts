import { Conflict, NotFound, Validation } from "@todo/service-kit";
import type { CreateInput } from "../tasks/decide-task.ts";
import type { TaskFilter } from "../tasks/search-tasks.ts";
import type { TaskView } from "../tasks/task-view.ts";
import { applyToTask, dueFields } from "./apply-to-task.ts";
import type { ChatAction, TargetedIntent, TurnOutcome } from "./chat-types.ts";
import type { ExecContext } from "./exec-context.ts";
import { bestRenameSplit, findTaskByTitle, tasksToMatch } from "./find-task.ts";
import type { AddIntent, Filters, Intent } from "./interpreter/intent.ts";
import { addedReply, HELP_REPLY, notFoundReply, taskLine, taskNoun, whichOneQuestion } from "./replies.ts";
import { speakDue, speakInstant } from "./speak-time.ts";
import { executeUndo } from "./undo/execute-undo.ts";
import { mergeOutcomes } from "./merge-outcomes.ts";
import { executeDeleteMany } from "./delete-many.ts";
import { severalTargets } from "./several-targets.ts";
import { addTagOrPriority, listTagOrPriority } from "./tag-or-priority.ts";

// A chat reply is read, not paged: beyond this many tasks the user is told to narrow down.
const LIST_LIMIT = 50;

// A start the user named is said back as the first day it gives, before the end: "every 6 months,
// starting 1 March 2027", "every day at 10 AM, starting Friday, until 2027-01-28".
function withStart(task: TaskView, intent: AddIntent, ctx: ExecContext): string {
  const text = task.recurrence_rule?.text ?? "";
  if (!intent.start_said || !task.due_date) return text;
  const start = `, starting ${speakDue({ due_date: task.due_date, due_at: null }, ctx.now, ctx.zone).replace(/^due /, "")}`;
  const end = text.search(/, (?:until |\d+ times?$)/);
  return end < 0 ? `${text}${start}` : `${text.slice(0, end)}${start}${text.slice(end)}`;
}

async function executeAdd(ctx: ExecContext, read: AddIntent): Promise<TurnOutcome> {
  const intent = await addTagOrPriority(ctx, read);
  const input: CreateInput = { title: intent.title };
  if (intent.description) input.description = intent.description;
  if (intent.priority) input.priority = intent.priority;
  if (intent.tags) input.tags = intent.tags;
  if (intent.due) Object.assign(input, dueFields(intent.due, ctx.zone));
  if (intent.reminder_at) input.reminder_time = intent.reminder_at;
  if (intent.recurrence) input.recurrence = intent.recurrence;
  const task = await ctx.tasks.create(ctx.user, input);
  const actions: ChatAction[] = [
    { type: "task.created", task_id: task.id, ...(task.series_id ? { series_id: task.series_id } : {}) },
  ];
  let reply: string;
  if (task.recurrence_rule) {
    // Every occurrence of a series notifies the user, so "remind me" each time needs no extra reminder.
    // Priority and tags are said too: a reply that changes something names all it understood.
    const extra = [
      ...(task.priority !== "medium" ? [`${task.priority} priority`] : []),
      ...(task.tags.length > 0 ? [`tag${task.tags.length === 1 ? "" : "s"}: ${task.tags.join(", ")}`] : []),
    ];
    reply = `I've set up a recurring ${taskNoun(task.title)} task ${withStart(task, intent, ctx)}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}.`;
    if (intent.remind_each_time) reply += " I'll remind you each time.";
  } else {
    reply = addedReply(task, ctx);
  }
  if (task.reminder_time) {
    actions.push({ type: "reminder.scheduled", task_id: task.id, reminder_time: task.reminder_time });
    reply += ` I'll remind you ${speakInstant(new Date(task.reminder_time), ctx.now, ctx.zone)}.`;
  }
  return { reply, actions, lastTaskId: task.id, undo: [{ kind: "created", task_id: task.id }] };
}

function toTaskFilter(filters: Filters): TaskFilter {
  const sort = filters.sort ?? "due";
  return {
    status: filters.status ? [filters.status] : undefined,
    priority: filters.priority,
    tags: filters.tags,
    q: filters.q,
    dueFrom: filters.due_from,
    dueTo: filters.due_to,
    completedFrom: filters.completed_from,
    completedTo: filters.completed_to,
    sort,
    order: sort === "due" ? "asc" : "desc",
    limit: filters.limit ?? LIST_LIMIT,
  };
}

/** Lists the tasks matching every filter; the reply names exactly the tasks in `tasks`. */
export async function executeList(ctx: ExecContext, read: Filters, readPhrase: string): Promise<TurnOutcome> {
  const { filters, phrase } = await listTagOrPriority(ctx, read, readPhrase);
  const { items, next_cursor } = await ctx.tasks.search(ctx.user, toTaskFilter(filters));
  const filtered = Object.keys(filters).some((key) => key !== "sort" && key !== "priority_word");
  if (items.length === 0) {
    if (!filtered)
      return { reply: `You don't have any tasks yet. Try "add call mom tomorrow".`, tasks: [], actions: [] };
    return {
      reply: `No ${phrase} found. Would you like to see all tasks instead?`,
      tasks: [],
      actions: [],
      pending: { kind: "offer_all" },
    };
  }
  const more =
    next_cursor && !filters.limit
      ? `\nThat's the first ${LIST_LIMIT}; ask for something narrower to see the rest.`
      : "";
  const reply = `Here are your ${phrase}:\n${items.map((task) => taskLine(task, ctx)).join("\n")}${more}`;
  // "it" after a listing means the task listed, when there was only one.
  return { reply, tasks: items, actions: [], lastTaskId: items.length === 1 ? items[0]!.id : null };
}

// What a "Which one" question says beside the date, so that two "call mom" tasks differ.
function telling(task: TaskView, ctx: ExecContext): string[] {
  const extra: string[] = [];
  if (task.recurrence_rule?.active) extra.push(task.recurrence_rule.text);
  if (task.priority !== "medium") extra.push(`${task.priority} priority`);
  if (task.tags.length > 0) extra.push(`tags: ${task.tags.join(", ")}`);
  extra.push(`added ${speakInstant(new Date(task.created_at), ctx.now, ctx.zone)}`);
  return extra;
}

/** `tasks`: the user's tasks when already loaded for this intent. */
async function resolveTarget(
  ctx: ExecContext,
  intent: TargetedIntent,
  tasks?: TaskView[],
): Promise<TaskView | TurnOutcome> {
  if (intent.target.kind === "pronoun" || intent.target.kind === "id") {
    const id = intent.target.kind === "id" ? intent.target.id : ctx.lastTaskId;
    if (!id) return { reply: notFoundReply(intent.target), actions: [] };
    try {
      return await ctx.tasks.get(ctx.user, id);
    } catch (error) {
      if (error instanceof NotFound)
        return {
          reply: "That task no longer exists. Which task do you mean?",
          actions: [],
          lastTaskId: null,
        };
      throw error;
    }
  }
  const found = findTaskByTitle(
    tasks ?? (await tasksToMatch(ctx.tasks, ctx.user)),
    intent,
    intent.target.text,
  );
  if (found.kind === "found") return found.task;
  if (found.kind === "none") return { reply: notFoundReply(intent.target), actions: [] };
  const candidates = found.tasks.map((task) => ({
    id: task.id,
    title: task.title,
    due_date: task.due_date,
    status: task.status,
    extra: telling(task, ctx),
  }));
  return {
    reply: whichOneQuestion(candidates, ctx),
    actions: [],
    pending: { kind: "which", intent, candidates },
  };
}

async function executeTargeted(ctx: ExecContext, intent: TargetedIntent): Promise<TurnOutcome> {
  let tasks: TaskView[] | undefined;
  if (intent.type === "rename" && intent.readings) {
    // The readings are weighed against the same tasks the chosen one is then found among.
    tasks = await tasksToMatch(ctx.tasks, ctx.user);
    const { target, title } = bestRenameSplit(tasks, intent.readings);
    intent = { type: "rename", target, title };
  }
  if (intent.target.kind === "title") {
    tasks ??= await tasksToMatch(ctx.tasks, ctx.user);
    const several = severalTargets(tasks, intent);
    if (several) {
      const outcomes = [];
      for (const task of several) outcomes.push(await applyToTask(ctx, intent, task));
      return mergeOutcomes(outcomes);
    }
  }
  const target = await resolveTarget(ctx, intent, tasks);
  return "reply" in target ? target : applyToTask(ctx, intent, target);
}

function dispatch(ctx: ExecContext, intent: Intent): Promise<TurnOutcome> {
  switch (intent.type) {
    case "add":
      return executeAdd(ctx, intent);
    case "list":
      return executeList(ctx, intent.filters, intent.phrase);
    case "help":
      return Promise.resolve({ reply: HELP_REPLY, actions: [] });
    case "undo":
      return executeUndo(ctx);
    case "say":
      return Promise.resolve({ reply: intent.reply, actions: [] });
    case "delete_many":
      return executeDeleteMany(ctx, intent);
    case "clarify": {
      // A question back changes nothing; it waits for the answer, which completes the request.
      const pending = intent.resume
        ? { kind: "question" as const, question: intent.question, resume: intent.resume }
        : undefined;
      return Promise.resolve({ reply: intent.question, actions: [], ...(pending ? { pending } : {}) });
    }
    default:
      return executeTargeted(ctx, intent);
  }
}

/**
 * A refusal from the task service (a reminder in the past, a title too long) is said, not thrown,
 * in its words for people (`userMessage`); anything else goes on to the 500 handler and the log.
 */
export async function sayingRefusals(run: () => Promise<TurnOutcome>): Promise<TurnOutcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NotFound)
      return { reply: "That task no longer exists.", actions: [], lastTaskId: null };
    if (error instanceof Validation || error instanceof Conflict)
      return { reply: `I couldn't do that: ${error.userMessage}.`, actions: [] };
    throw error;
  }
}

/** Carries out one intent through the task service (so every change goes through the outbox). */
export const executeIntent = (ctx: ExecContext, intent: Intent) =>
  sayingRefusals(() => dispatch(ctx, intent));
