import type { InterpretContext } from "../intent.ts";
import { COMMAND_VERBS } from "../words/vocabulary.ts";
import { findMoment } from "./find-moment.ts";

const REMIND_VERB = /^(?:ping|nudge|alert|notify)\b/i;

/**
 * A date said before the command moves after it, where every grammar looks for it:
 * `tomorrow at 8 remind me to walk the dog` → `remind me to walk the dog tomorrow at 8`.
 */
export function moveLeadingDate(text: string, ctx: InterpretContext): string {
  const found = findMoment(text, ctx);
  if (found?.start !== 0) return text;
  const rest = text.slice(found.end).replace(/^[\s,:]+/, "");
  const verb = rest.split(/\s/)[0]?.toLowerCase() ?? "";
  if (!COMMAND_VERBS.includes(verb) && !REMIND_VERB.test(rest)) return text;
  return `${rest} ${text.slice(0, found.end).trim()}`;
}
