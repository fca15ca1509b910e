import type { Intent, InterpretContext } from "./intent.ts";
import { interpret } from "./interpret.ts";
import { protectQuotes, requote } from "./words/quotes.ts";
import { COMMAND_VERBS } from "./words/vocabulary.ts";

/**
 * Several requests in one message: "add milk and eggs tomorrow, and complete the report" is an
 * add and a complete, carried out in order (the executor passes "it" from one to the next).
 * A clause break is a comma or semicolon (with "and", "then" or "also" after it), "and then",
 * "then", or a bare "and"; the clause after it must open with a verb of its own. A bare "and"
 * after a new task's name may still be part of that name ("add review and complete the report"
 * could be one task), so when the next clause names a task rather than "it", the user is asked.
 * Anything that does not read cleanly as separate requests is read as one message, as before.
 */

// Verbs that open a request of their own after "and". Title-like verbs ("check", "update",
// "set", "make", "schedule", "push") are left out: "remind me to call mom and check the oven"
// is one task. Listing verbs count only after a comma: "find tasks about search and rescue".
const SPLIT_VERBS = [
  "add",
  "create",
  "delete",
  "remove",
  "complete",
  "finish",
  "mark",
  "reopen",
  "rename",
  "move",
  "reschedule",
  "postpone",
  "tag",
  "untag",
  "remind",
  "cancel",
  "stop",
  "prioritize",
  "deprioritize",
];
const LIST_VERBS = ["show", "list", "display"];
const BREAK =
  /(\s*[,;]\s*(?:and\s+then\s+|and\s+also\s+|and\s+|then\s+|also\s+)?|\s+and\s+then\s+|\s+then\s+|\s+and\s+)(?=(\p{L}+))/giu;

type Clause = { text: string; weak: boolean /* joined to the one before by a bare "and" */ };

// Breaks are looked for with quoted phrases swapped for placeholders, so "add 'review and
// complete the report'" is one request; each clause gets its quotes back for interpret to read.
function clausesOf(message: string): Clause[] {
  const { text, quotes } = protectQuotes(message);
  const clauses: Clause[] = [];
  let start = 0;
  let weak = false;
  for (const m of text.matchAll(BREAK)) {
    const verb = m[2]!.toLowerCase();
    const strong = /[,;]|then/i.test(m[1]!);
    if (!(SPLIT_VERBS.includes(verb) || (strong && LIST_VERBS.includes(verb)))) continue;
    // "add milk and remind me at 5": a reminder on the task being added is the add's own.
    if (!strong && verb === "remind" && clauses.length === 0 && /^(?:add|create)\b/i.test(text)) continue;
    clauses.push({ text: text.slice(start, m.index), weak });
    start = m.index + m[0].length;
    weak = !strong;
  }
  clauses.push({ text: text.slice(start), weak });
  return clauses.map((c) => ({ ...c, text: requote(c.text, quotes).trim() })).filter((c) => c.text !== "");
}

const aboutATitle = (intent: Intent) => "target" in intent && intent.target.kind === "title";

/** The intents of a message, in order; one for a message with one request. */
export function interpretSeveral(message: string, context: InterpretContext): Intent[] {
  const whole = interpret(message, context);
  const first = message.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (!COMMAND_VERBS.includes(first)) return [whole];
  const clauses = clausesOf(message);
  if (clauses.length < 2) return [whole];
  const parts = clauses.map((clause) => interpret(clause.text, context));
  if (
    parts.some(
      (intent) =>
        intent.type === "clarify" ||
        intent.type === "say" ||
        intent.type === "help" ||
        intent.type === "undo",
    )
  )
    return [whole];
  // "add review and complete the report": one task, or an add and a complete?
  const unsure = clauses.findIndex(
    (clause, i) => clause.weak && parts[i - 1]!.type === "add" && aboutATitle(parts[i]!),
  );
  if (unsure > 0 && whole.type === "add") {
    const asked = clauses.map((clause) => `"${clause.text}"`).join(", then ");
    const question = `Do you mean ${clauses.length} requests (${asked}), or one task called "${whole.title}"? Say "${clauses.length === 2 ? "both" : "all"}" or "one".`;
    return [{ type: "clarify", about: "unknown", question, resume: { kind: "split", parts, whole } }];
  }
  return parts;
}
