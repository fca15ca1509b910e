import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { rulesInterpreter } from "./chat-interpreter.ts";
import { daprConversationStore } from "./conversations/dapr-conversation-store.ts";
import { databaseConversationStore } from "./conversations/database-conversation-store.ts";
import { openAiInterpreter } from "./llm/openai-interpreter.ts";
import type { ChatAdapters } from "./routes.ts";

type ChatConfig = Pick<
  Config,
  | "OPENAI_API_KEY"
  | "OPENAI_BASE_URL"
  | "OPENAI_MODEL"
  | "OPENAI_TIMEOUT_MS"
  | "OPENAI_COOLDOWN_SECONDS"
  | "CONVERSATION_STORE"
  | "DAPR_STATE_STORE"
  | "DAPR_HTTP_PORT"
>;

/** The interpreter (rules, or OpenAI when a key is set) and the conversation store the configuration asks for. */
export function chatAdapters(
  config: ChatConfig,
  deps: Pick<Deps, "database" | "clock" | "logger">,
): Required<ChatAdapters> {
  const interpreter = config.OPENAI_API_KEY
    ? openAiInterpreter({
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        model: config.OPENAI_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        cooldownMs: config.OPENAI_COOLDOWN_SECONDS * 1000,
        fallback: rulesInterpreter,
        now: () => deps.clock.now().getTime(),
        logger: deps.logger,
      })
    : rulesInterpreter;
  const conversations =
    config.CONVERSATION_STORE === "dapr"
      ? daprConversationStore({
          sidecarUrl: `http://127.0.0.1:${config.DAPR_HTTP_PORT}`,
          storeName: config.DAPR_STATE_STORE,
        })
      : databaseConversationStore(deps.database.db);
  return { interpreter, conversations };
}
