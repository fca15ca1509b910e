import type { Intent } from "../intent.ts";

const HELP =
  /^(?:help|help me|\?+|what can (?:you|i) do|what (?:can|should|do) i (?:say|ask|type|do)|how (?:does this|does it|do you|do i use this|do i use you|does this thing|to use this) work|how (?:do|can) i use (?:this|you|it)|how to use(?: this)?|what do you do|what are you|who are you|commands|show (?:me )?(?:the )?commands|usage|options|menu|hi|hello|hey|start|examples?|instructions|what else)$/i;

/** "help", "what can you do", a bare greeting: the bot explains what it understands. */
export function readHelp(text: string): Intent | undefined {
  return HELP.test(text) || text === "" ? { type: "help" } : undefined;
}
