import type { Intent, InterpretContext } from "./interpreter/intent.ts";
import { interpret } from "./interpreter/interpret.ts";

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

/** The deterministic grammar in `interpreter/`: no network, same answer every time. */
export const rulesInterpreter: Interpreter = {
  interpret: async (message, context) => ({ intents: [interpret(message, context)] }),
};
