import type { Static } from "elysia";
import { Validation } from "@todo/outbox/runtime";
import type { UserRow } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { answerPending } from "./answer-pending.ts";
import type { Interpreter } from "./chat-interpreter.ts";
import { openConversation, recordTurn } from "./conversation-store.ts";
import type { ExecContext } from "./exec-context.ts";
import { executeIntent } from "./execute-intent.ts";
import type { ChatRequest } from "./model.ts";

export interface ChatDeps {
  deps: Pick<Deps, "database" | "clock">;
  interpreter: Interpreter;
}

/**
 * One chat turn: answer the previous question if this message is its answer, otherwise read
 * the message and carry it out; then store the turn. The chat never schedules anything itself:
 * every change is a task-service call whose events go through the outbox (FR-023).
 */
export async function handleChatMessage({ deps, interpreter }: ChatDeps, user: UserRow, body: Static<typeof ChatRequest>) {
  const message = body.message.trim();
  if (!message) throw new Validation("message", "must not be blank");
  const db = deps.database.db;
  const conversation = await openConversation(db, user, body.conversation_id);
  const now = deps.clock.now();
  const ctx: ExecContext = { deps, user, now, zone: user.timezone, lastTaskId: conversation.lastTaskId };
  const outcome =
    (await answerPending(ctx, conversation.pending, message)) ?? (await executeIntent(ctx, await interpreter.interpret(message, { now, zone: user.timezone })));
  const turn = {
    message,
    reply: outcome.reply,
    actions: outcome.actions,
    ...(outcome.tasks ? { task_ids: outcome.tasks.map((t) => t.id) } : {}),
    at: now.toISOString(),
  };
  const lastTaskId = outcome.lastTaskId === undefined ? conversation.lastTaskId : outcome.lastTaskId;
  await recordTurn(db, user, conversation, turn, { lastTaskId, pending: outcome.pending ?? null }, now);
  return { conversation_id: conversation.id, reply: outcome.reply, ...(outcome.tasks ? { tasks: outcome.tasks } : {}), actions: outcome.actions };
}
