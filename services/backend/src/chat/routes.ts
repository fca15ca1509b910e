import { Elysia, t } from "elysia";
import { NotFound } from "@todo/service-kit";
import { authGuard } from "../auth/auth-guard.ts";
import type { Deps } from "../deps.ts";
import { taskPort } from "../tasks/task-service.ts";
import { rulesInterpreter, type Interpreter } from "./chat-interpreter.ts";
import { handleChatMessage } from "./chat-service.ts";
import { publicView, type ConversationStore } from "./conversations/conversation-store.ts";
import { databaseConversationStore } from "./conversations/database-conversation-store.ts";
import { ChatResponse, ConversationView } from "@todo/schemas/api";
import { ChatRequest } from "./model.ts";

// How many turns `GET /api/conversations/latest` returns by default and at most.
const LATEST_TURNS = 50;
const MAX_LATEST_TURNS = 200;

/** The chat's two adapters; main.ts picks them from configuration, tests pass their own. */
export interface ChatAdapters {
  interpreter?: Interpreter;
  conversations?: ConversationStore;
}

export const chatRoutes = (deps: Deps, adapters: ChatAdapters = {}) => {
  const chat = {
    deps,
    tasks: taskPort(deps),
    interpreter: adapters.interpreter ?? rulesInterpreter,
    conversations: adapters.conversations ?? databaseConversationStore(deps.database.db),
  };
  return (
    new Elysia({ name: "chat-routes", detail: { tags: ["chat"] } })
      .use(authGuard(deps))
      .post("/api/chat", ({ user, body }) => handleChatMessage(chat, user, body), {
        body: ChatRequest,
        response: { 200: ChatResponse },
        detail: { summary: "Send one chat message; the reply says what changed, `actions` lists it" },
      })
      // Before `:id` in reading order; Elysia matches the static segment first either way.
      .get(
        "/api/conversations/latest",
        async ({ user, query }) => {
          const latest = await chat.conversations.latest(user, query.limit ?? LATEST_TURNS);
          if (!latest) throw new NotFound("no conversation yet");
          return publicView(latest);
        },
        {
          query: t.Object({ limit: t.Optional(t.Integer({ minimum: 1, maximum: MAX_LATEST_TURNS })) }),
          response: { 200: ConversationView },
          detail: {
            summary:
              "Your latest conversation (the one your last message went to) with its last `limit` turns, so the chat follows you to another browser; 404 before your first message",
          },
        },
      )
      .get(
        "/api/conversations/:id",
        async ({ user, params }) => publicView(await chat.conversations.get(user, params.id)),
        {
          params: t.Object({ id: t.String() }),
          response: { 200: ConversationView },
          detail: { summary: "The turns of one of your conversations" },
        },
      )
  );
};
