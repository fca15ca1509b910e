import type { Static } from "elysia";
import { Validation } from "@todo/service-kit";
import type { UserRow } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import type { TaskPort } from "../tasks/task-service.ts";
import { answerPending } from "./answer-pending.ts";
import type { Interpreter } from "./chat-interpreter.ts";
import type { TurnOutcome } from "./chat-types.ts";
import type { ConversationStore } from "./conversations/conversation-store.ts";
import type { ExecContext } from "./exec-context.ts";
import { executeIntent } from "./execute-intent.ts";
import type { Intent } from "./interpreter/intent.ts";
import type { ChatRequest } from "./model.ts";
import { undoableAt } from "./undo/undo-steps.ts";
import { mergeOutcomes } from "./merge-outcomes.ts";

export interface ChatDeps {
  deps: Pick<Deps, "clock">;
  tasks: TaskPort;
  interpreter: Interpreter;
  conversations: ConversationStore;
}

/**
 * Carries out the intents of one message in order, each seeing the task the previous one
 * touched ("add milk and make it high priority"). A question back (which one? when?) ends the
 * turn there: the rest waits for the answer rather than acting on a guess.
 */
async function executeAll(ctx: ExecContext, intents: Intent[]): Promise<TurnOutcome> {
  const outcomes: TurnOutcome[] = [];
  let lastTaskId = ctx.lastTaskId;
  for (const [index, intent] of intents.entries()) {
    const outcome = await executeIntent({ ...ctx, lastTaskId }, intent);
    outcomes.push(outcome);
    if (outcome.lastTaskId !== undefined) lastTaskId = outcome.lastTaskId;
    const asking = outcome.pending !== undefined || intent.type === "clarify";
    if (asking && index < intents.length - 1) {
      outcome.reply += " I'll do the rest of your request once that's settled; please ask again for it.";
      break;
    }
  }
  return mergeOutcomes(outcomes, lastTaskId);
}

/**
 * One chat turn: answer the previous question if this message is its answer, otherwise read
 * the message and carry it out; then store the turn. The chat never schedules anything itself:
 * every change is a task-service call whose events go through the outbox (FR-023).
 */
export async function handleChatMessage(
  { deps, tasks, interpreter, conversations }: ChatDeps,
  user: UserRow,
  body: Static<typeof ChatRequest>,
) {
  const message = body.message.trim();
  if (!message) throw new Validation("message", "must not be blank");
  const conversation = await conversations.open(user, body.conversation_id);
  const now = deps.clock.now();
  const ctx: ExecContext = {
    tasks,
    user,
    now,
    zone: user.timezone,
    lastTaskId: conversation.lastTaskId,
    undoable: undoableAt(conversation.undoable, now),
  };
  const context = { now, zone: user.timezone };
  const history = conversation.recent.map(({ message, reply }) => ({ message, reply }));
  // Reading (the answer to a pending question, or the message) decides; executeAll alone writes.
  // An answer the message alone does not settle is read through the interpreter port too, so a
  // language model reads it as well.
  const first = answerPending(conversation.pending, message, context);
  const own =
    first && "withReading" in first ? await interpreter.interpret(message, context, history) : undefined;
  const answer = first && "withReading" in first ? first.withReading(own?.intents[0]) : first;
  let outcome = answer && "outcome" in answer ? answer.outcome : undefined;
  if (answer && "intents" in answer) outcome = await executeAll(ctx, answer.intents);
  if (!outcome) {
    // An answer that completes the request its question interrupted is read as that request;
    // a message that is no answer keeps the reading it already has.
    const request = answer && "request" in answer ? answer.request : message;
    const { intents, notice } =
      own && request === message ? own : await interpreter.interpret(request, context, history);
    outcome = await executeAll(ctx, intents);
    if (notice) outcome = { ...outcome, reply: `${notice}\n${outcome.reply}` };
  }
  const turn = {
    message,
    reply: outcome.reply,
    actions: outcome.actions,
    ...(outcome.tasks ? { task_ids: outcome.tasks.map((t) => t.id) } : {}),
    at: now.toISOString(),
    ...(outcome.undo?.length ? { undo: { id: crypto.randomUUID(), steps: outcome.undo } } : {}),
    ...(outcome.undid ? { undid: outcome.undid } : {}),
  };
  const lastTaskId = outcome.lastTaskId === undefined ? conversation.lastTaskId : outcome.lastTaskId;
  await conversations.record(user, conversation, turn, { lastTaskId, pending: outcome.pending ?? null }, now);
  return {
    conversation_id: conversation.id,
    reply: outcome.reply,
    ...(outcome.tasks ? { tasks: outcome.tasks } : {}),
    actions: outcome.actions,
  };
}
