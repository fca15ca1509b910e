import { NotFound } from "@todo/service-kit";
import type { ChatAction, TurnOutcome } from "./chat-types.ts";
import type { ExecContext } from "./exec-context.ts";
import type { Intent } from "./interpreter/intent.ts";
import { taskLine } from "./replies.ts";
import type { UndoStep } from "./undo/undo-steps.ts";

type DeleteMany = Extract<Intent, { type: "delete_many" }>;

// More than this is too many to read through and confirm in one message.
const MOST = 100;

/**
 * "delete all completed tasks": first lists what would go and asks; the answer "yes" comes back
 * with the ids listed, and only those are deleted (one by one, each through the task service).
 */
export async function executeDeleteMany(ctx: ExecContext, intent: DeleteMany): Promise<TurnOutcome> {
  if (intent.ids) return deleteListed(ctx, intent.ids);
  const { items } = await ctx.tasks.search(ctx.user, {
    status: intent.filters.status ? [intent.filters.status] : undefined,
    tags: intent.filters.tags,
    sort: "created",
    order: "asc",
    limit: MOST,
  });
  if (items.length === 0) return { reply: `You have no ${intent.phrase}; nothing to delete.`, actions: [] };
  // "completed tasks" → "this completed task"; "tasks tagged work" → "this task tagged work".
  const one = intent.phrase.replace(/\btasks\b/, "task");
  const what = items.length === 1 ? `this ${one}` : `these ${items.length} ${intent.phrase}`;
  const question = `Delete ${what}?\n${items.map((task) => taskLine(task, ctx)).join("\n")}\nSay "yes" to delete ${items.length === 1 ? "it" : "them"}, or "no" to keep ${items.length === 1 ? "it" : "them"}.`;
  return {
    reply: question,
    tasks: items,
    actions: [],
    pending: { kind: "confirm", question, intent: { ...intent, ids: items.map((task) => task.id) } },
  };
}

async function deleteListed(ctx: ExecContext, ids: string[]): Promise<TurnOutcome> {
  const actions: ChatAction[] = [];
  const undo: UndoStep[] = [];
  for (const id of ids) {
    try {
      await ctx.tasks.remove(ctx.user, id);
    } catch (error) {
      if (error instanceof NotFound) continue; // already gone since the question: nothing to delete
      throw error;
    }
    actions.push({ type: "task.deleted", task_id: id });
    undo.push({ kind: "deleted", task_id: id, title: "" });
  }
  const reply =
    actions.length === 0
      ? "Those tasks are already gone."
      : `I've deleted ${actions.length} task${actions.length === 1 ? "" : "s"}. Say "undo" to bring ${actions.length === 1 ? "it" : "them"} back.`;
  return { reply, actions, lastTaskId: null, undo };
}
