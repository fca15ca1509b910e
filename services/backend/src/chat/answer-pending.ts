import type { Candidate, Pending, TurnOutcome } from "./chat-types.ts";
import type { Intent, InterpretContext } from "./interpreter/intent.ts";
import { normalizeTitle } from "./find-task.ts";
import { readAnswer, settleAnswer, type AnswerReading } from "./interpreter/read-answer.ts";
import { ordinalValue } from "./interpreter/words/vocabulary.ts";
import { whichOneQuestion } from "./replies.ts";
import { dateLabels } from "./speak-time.ts";

// The whole message must be the yes: "Show me all high-priority work tasks" is a new search, not "show all".
const YES =
  /^(?:(?:yes|yeah|yep|yup|sure|ok|okay|y|please|go ahead|do it)(?:[\s,!.]+(?:please|thanks|do it|go ahead|show (?:me )?(?:them|all|everything)))*|show (?:me )?(?:all|everything|them)(?: tasks| of them)?|all tasks|all of them)[\s!.]*$/i;
const NO = /^(?:no|nope|nah|don't|do not|cancel|keep (?:them|it)|never ?mind)\b/i;
const NO_DATE = /\b(?:no|without(?: a)?|undated|unscheduled)\b.*\b(?:date|due)\b|\bundated\b|\bno date\b/i;
const ORDINAL = /\b(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|[1-5])\b/i;

const LOOKS_LIKE_A_PICK = /^(?:the\s+)?(?:one|first|second|third|fourth|fifth|last|\d)\b/i;

const only = (list: Candidate[]) => (list.length === 1 ? list[0] : undefined);

/**
 * Which candidate of a "Which one" question the answer picks: "the first one", "2", "the one
 * due Friday", "the one with no date", or a title only one candidate has.
 */
export function pickCandidate(
  message: string,
  candidates: Candidate[],
  now: Date,
  zone: string,
): Candidate | undefined {
  const text = message
    .toLowerCase()
    .replace(/[.!?]+$/, "")
    .trim();
  const byTitle = only(candidates.filter((c) => normalizeTitle(c.title) === normalizeTitle(text)));
  if (byTitle) return byTitle;
  if (NO_DATE.test(text)) return only(candidates.filter((c) => !c.due_date));
  const words = ` ${text.replace(/[^\p{L}\p{N}-]+/gu, " ")} `;
  const byDate = candidates.filter(
    (c) => c.due_date && dateLabels(c.due_date, now, zone).some((label) => words.includes(` ${label} `)),
  );
  if (byDate.length > 0) return only(byDate);
  const ordinal = text.match(ORDINAL)?.[1];
  if (ordinal && text.split(/\s+/).length <= 5) {
    const n = /^\d$/.test(ordinal) ? Number(ordinal) : ordinalValue(ordinal);
    const index = n === -1 ? candidates.length - 1 : (n ?? 0) - 1;
    if (candidates[index]) return candidates[index];
  }
  if (/\b(?:done|completed?|finished)\b/.test(text))
    return only(candidates.filter((c) => c.status === "completed"));
  return undefined;
}

/**
 * What the message does to the previous turn's question, decided without writing anything:
 * `intents` for the executor to carry out (the interrupted request, completed by the answer), an
 * `outcome` that only says something (the question again, a request dropped), or the `request`
 * to read in place of the message. Undefined: the message is a new request, read as it is.
 */
export type PendingAnswer =
  | { intents: Intent[] }
  | { outcome: TurnOutcome }
  | { request: string }
  | undefined;

/**
 * `withReading`: the message alone does not settle the answer, its own reading does; the caller
 * gets that reading from the interpreter port (rules or language model) only in this case, so
 * "never mind" or "yes" costs no model round trip.
 */
export type FirstPass = PendingAnswer | { withReading: (own: Intent | undefined) => PendingAnswer };

function answerOf(pending: Extract<Pending, { kind: "question" }>, answer: AnswerReading): PendingAnswer {
  switch (answer.kind) {
    case "reread":
      return { request: answer.text };
    case "intent":
      return { intents: [answer.intent] };
    case "intents":
      return { intents: answer.intents };
    case "again":
      return { outcome: { reply: `Sorry, I didn't get that. ${pending.question}`, actions: [], pending } };
    case "dropped":
      return { outcome: { reply: answer.reply, actions: [] } };
    case "new":
      return undefined;
    default: {
      const never: never = answer;
      throw new Error(`unhandled answer ${JSON.stringify(never)}`);
    }
  }
}

function answerQuestion(
  pending: Extract<Pending, { kind: "question" }>,
  message: string,
  context: InterpretContext,
): FirstPass {
  const plain = settleAnswer(pending.resume, message);
  if (plain) return answerOf(pending, plain);
  // No reading of its own (say, a model that answered in words only): the message can still be the answer.
  return {
    withReading: (own) =>
      answerOf(pending, readAnswer(pending.resume, message, context, own ?? { type: "say", reply: "" })),
  };
}

/** The answer to the previous turn's question, or undefined when the message is a new request; pure. */
export function answerPending(
  pending: Pending | null,
  message: string,
  context: InterpretContext,
): FirstPass {
  if (!pending) return undefined;
  const text = message.trim();
  if (pending.kind === "offer_all")
    return YES.test(text) ? { intents: [{ type: "list", filters: {}, phrase: "tasks" }] } : undefined;
  if (pending.kind === "question") return answerQuestion(pending, message, context);
  if (pending.kind === "confirm") {
    if (YES.test(text)) return { intents: [pending.intent] };
    if (NO.test(text)) return { outcome: { reply: "OK, I've left them as they are.", actions: [] } };
    return undefined;
  }
  const picked = pickCandidate(message, pending.candidates, context.now, context.zone);
  if (!picked) {
    // "the one due Monday" that fits no candidate must not fall through to the interpreter,
    // which would read it as "set the due date of it to Monday".
    if (!LOOKS_LIKE_A_PICK.test(text)) return undefined;
    return {
      outcome: {
        reply: `Sorry, I couldn't tell which. ${whichOneQuestion(pending.candidates, context)}`,
        actions: [],
        pending,
      },
    };
  }
  return { intents: [{ ...pending.intent, target: { kind: "id", id: picked.id } }] };
}
