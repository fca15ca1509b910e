import type { Intent, InterpretContext } from "./interpreter/intent.ts";
import { interpret } from "./interpreter/interpret.ts";

/**
 * Turns a message into an intent. The rules adapter below is the default; an LLM adapter can
 * implement the same interface later, which is why it is asynchronous.
 */
export interface Interpreter {
  interpret(message: string, context: InterpretContext): Promise<Intent>;
}

/** The deterministic grammar in `interpreter/`: no network, same answer every time. */
export const rulesInterpreter: Interpreter = {
  interpret: async (message, context) => interpret(message, context),
};
