import { Elysia, t } from "elysia";
import { authGuard } from "../auth/auth-guard.ts";
import type { Deps } from "../deps.ts";
import { rulesInterpreter, type Interpreter } from "./chat-interpreter.ts";
import { handleChatMessage } from "./chat-service.ts";
import { getConversation } from "./conversation-store.ts";
import { ChatRequest, ChatResponse, ConversationView } from "./model.ts";

export const chatRoutes = (deps: Deps, interpreter: Interpreter = rulesInterpreter) =>
  new Elysia({ name: "chat-routes", detail: { tags: ["chat"] } })
    .use(authGuard(deps))
    .post("/api/chat", ({ user, body }) => handleChatMessage({ deps, interpreter }, user, body), {
      body: ChatRequest,
      response: { 200: ChatResponse },
      detail: { summary: "Send one chat message; the reply says what changed, `actions` lists it" },
    })
    .get("/api/conversations/:id", ({ user, params }) => getConversation(deps.database.db, user, params.id), {
      params: t.Object({ id: t.String() }),
      response: { 200: ConversationView },
      detail: { summary: "The turns of one of your conversations" },
    });
