import type OpenAI from "openai";
import type { Logger } from "@todo/service-kit";
import type { Interpretation, Interpreter, PriorTurn } from "../chat-interpreter.ts";
import type { Intent, InterpretContext } from "../interpreter/intent.ts";
import { OPENAI_TOOLS } from "./chat-tools.ts";
import { systemPrompt } from "./system-prompt.ts";
import { intentsOfToolCalls, InvalidToolCall, type ToolCall } from "./tool-call-intents.ts";

export interface OpenAiInterpreterOptions {
  apiKey: string;
  /** An OpenAI-compatible endpoint; undefined is OpenAI's own. */
  baseURL?: string;
  model: string;
  /** Bound on one completion request, connection included. */
  timeoutMs: number;
  /** After a timeout or an unavailable provider, how long turns go straight to the rules. */
  cooldownMs: number;
  /** Who answers when the model cannot: the rules interpreter. */
  fallback: Interpreter;
  /** Milliseconds now; the injected clock in tests. */
  now: () => number;
  /** Where falling back to the rules is reported; the service's logger. */
  logger: Logger;
}

const FELL_BACK = "(The language model didn't answer properly, so I used my built-in rules for this one.)";
const SKIPPED = "(The language model is unavailable right now, so I'm using my built-in rules.)";

/** What the provider's reply holds: tool calls, or a plain answer when no tool fits. */
function readMessage(message: OpenAI.Chat.Completions.ChatCompletionMessage): {
  calls: ToolCall[];
  text: string;
} {
  const calls = (message.tool_calls ?? []).flatMap((call) =>
    call.type === "function" ? [{ name: call.function.name, arguments: call.function.arguments }] : [],
  );
  return { calls, text: (message.content ?? "").trim() };
}

/** One completion with the tools over the turns so far (so "the second one" or "make it weekly" can be read against them). */
async function askModel(
  client: OpenAI,
  model: string,
  message: string,
  context: InterpretContext,
  history: PriorTurn[],
) {
  const earlier = history.flatMap(({ message: said, reply }) => [
    { role: "user" as const, content: said },
    { role: "assistant" as const, content: reply },
  ]);
  const completion = await client.chat.completions.create({
    model,
    temperature: 0,
    messages: [
      { role: "system", content: systemPrompt(context) },
      ...earlier,
      { role: "user", content: message },
    ],
    tools: OPENAI_TOOLS,
    tool_choice: "auto",
  });
  const choice = completion.choices?.[0];
  if (!choice?.message) throw new InvalidToolCall("the completion has no message");
  return readMessage(choice.message);
}

/**
 * The `openai` adapter: the model reads the message and calls the same tools the rules
 * interpreter's intents stand for (llm/chat-tools.ts); the intents are then executed by the
 * same functions, so every change still goes through the task service and its outbox.
 * A provider failure (time-out, connection, 5xx, 429, bad key) or a tool call that fails
 * validation falls back to the rules for that message, and the reply says so. There are no
 * retries (maxRetries 0): a slow provider costs one bounded wait, and after a time-out or an
 * outage the provider is left alone for `cooldownMs` instead of every turn waiting again.
 */
export function openAiInterpreter(options: OpenAiInterpreterOptions): Interpreter {
  // Imported only once a key is configured: the SDK holds ~7 MB resident that the rules-only
  // default (npm start without a key) never needs.
  const sdk = import("openai").then(({ default: OpenAI }) => ({
    OpenAI,
    client: new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 0,
    }),
  }));
  const log = (line: string) => options.logger.warn(line);
  let resumeAt = 0;

  async function fallBack(
    message: string,
    context: InterpretContext,
    notice: string,
  ): Promise<Interpretation> {
    const { intents } = await options.fallback.interpret(message, context);
    return { intents, notice };
  }

  return {
    async interpret(message, context, history = []) {
      if (options.now() < resumeAt) return fallBack(message, context, SKIPPED);
      let reply: { calls: ToolCall[]; text: string };
      try {
        reply = await askModel((await sdk).client, options.model, message, context, history);
      } catch (error) {
        const { OpenAI } = await sdk;
        const outage =
          !(error instanceof OpenAI.APIError) ||
          error instanceof OpenAI.APIConnectionError ||
          (error.status ?? 500) >= 500 ||
          error.status === 429;
        if (outage) resumeAt = options.now() + options.cooldownMs;
        log(
          `chat: the language model failed (${(error as Error).message}); the rules answered${outage ? `, and will for ${options.cooldownMs} ms` : ""}`,
        );
        return fallBack(message, context, FELL_BACK);
      }
      if (reply.calls.length === 0) {
        // No tool: the model answered in words (a greeting, a question). Said as is; nothing changes.
        if (reply.text)
          return { intents: [{ type: "clarify", about: "unknown", question: reply.text } satisfies Intent] };
        log("chat: the language model answered with neither a tool call nor text; the rules answered");
        return fallBack(message, context, FELL_BACK);
      }
      try {
        return { intents: intentsOfToolCalls(reply.calls, context) };
      } catch (error) {
        if (!(error instanceof InvalidToolCall)) throw error;
        log(`chat: the language model's tool call was refused (${error.message}); the rules answered`);
        return fallBack(message, context, FELL_BACK);
      }
    },
  };
}
