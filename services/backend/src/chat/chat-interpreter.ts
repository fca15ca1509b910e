import type { Intent, InterpretContext } from "./interpreter/intent.ts";
import { interpretSeveral } from "./interpreter/interpret-several.ts";
import { spellingFixes } from "./interpreter/words/normalize-message.ts";
import { listWords } from "./replies.ts";

/**
 * What a message asks for: one intent from the rules, one or more from an LLM ("add milk and
 * mark call mom as done"), carried out in order. `notice` is said before the replies, e.g.
 * that the language model failed and the built-in rules answered instead.
 */
export interface Interpretation {
  intents: Intent[];
  notice?: string;
}

/** One earlier exchange of the conversation, as the user and the bot said it. */
export interface PriorTurn {
  message: string;
  reply: string;
}

/**
 * Turns a message into intents. Two adapters: the rules below (default, offline) and the
 * OpenAI tool-calling adapter in `llm/`, chosen in main.ts by configuration. `history` is the
 * conversation's last few turns, oldest first: a language model reads a follow-up ("yes, the
 * second one", "make it weekly") against them; the rules keep what they need in the
 * conversation's pending question and last task instead.
 */
export interface Interpreter {
  interpret(message: string, context: InterpretContext, history?: PriorTurn[]): Promise<Interpretation>;
}

/** The deterministic grammar in `interpreter/`: no network, same answer every time; several requests in one message are read one by one. */
export const rulesInterpreter: Interpreter = {
  interpret: async (message, context) => {
    const intents = interpretSeveral(message, context);
    const notice = spellingNotice(message);
    return notice ? { intents, notice } : { intents };
  },
};

/** A misspelt verb or date is read, and the reply says how: `I read "tomorow" as "tomorrow".` */
export function spellingNotice(message: string): string | undefined {
  const fixes = spellingFixes(message);
  if (fixes.length === 0) return undefined;
  return `I read ${listWords(fixes.map(([from, to]) => `"${from}" as "${to}"`))}.`;
}
