import { findMoment } from "./dates/find-moment.ts";
import type { AddIntent, Intent, InterpretContext, Resume } from "./intent.ts";
import { buildAdd } from "./intents/add-intent.ts";
import type { Reading } from "./reading.ts";
import { findSchedule } from "./schedule/recurrence.ts";
import { normalizeMessage } from "./words/normalize-message.ts";
import { requote } from "./words/quotes.ts";
import { readsLikeATask } from "./words/small-talk.ts";
import { cleanTitle, parseTarget } from "./words/targets.ts";
import { COMMAND_VERBS } from "./words/vocabulary.ts";

/**
 * The message after a question the bot asked: its answer, completing the request the question
 * interrupted ("add team sync every second Tuesday at 10" → "Do you mean …?" → "every other
 * Tuesday" adds team sync every other Tuesday at 10), or a new request that drops the question.
 * Pure, like `interpret`: the same question, answer, clock and zone give the same reading.
 * `own` is how the interpreter port (the rules or the language model) reads the message on its
 * own; it tells a new request from an answer and may name the task the answer describes.
 */

export type AnswerReading =
  | { kind: "reread"; text: string } // read this request in place of the message
  | { kind: "intent"; intent: Intent } // carry this out
  | { kind: "intents"; intents: Intent[] } // carry these out, in order
  | { kind: "again" } // no answer and no new request: ask the question again
  | { kind: "dropped"; reply: string } // "never mind"
  | { kind: "new" }; // a request of its own: the question is dropped

const NEVER_MIND =
  /^(?:never\s*mind|nvm|forget it|forget about it|cancel(?: that| it)?|stop|skip(?: it)?|nothing|no thanks|no thank you|don'?t bother|leave it)$/i;
const YES = /^(?:yes|yeah|yep|yup|yes please|sure|ok|okay|y|please do|do it|go ahead|add it|correct|right)$/i;
const NO = /^(?:no|nope|nah|n|don'?t|do not|no,? don'?t)$/i;
const BOTH =
  /^(?:both|all|all of them|both of them|two|three|separately|separate|yes|yeah|yep|sure|ok|okay|(?:\d|two|three|several)\s+(?:requests|things|tasks))[\s.!]*$/i;
const ONE =
  /^(?:one|just one|one task|a single task|single|no|nope|the one task|(?:it'?s\s+)?one\s+task)[\s.!]*$/i;
// Words around an answer that are not the answer: "I mean every other Tuesday", "make it 10 am".
const LEAD_IN =
  /^(?:(?:yes|yeah|yep|no|nope|sorry|oh|ah|hmm+|well|i mean|i meant|i said|i want|i'd like|let'?s say|let'?s do|let'?s go with|go with|say|how about|what about|maybe|probably|make it|do it|set it (?:to|for)|it should (?:be|repeat|recur)|should be|it'?s|it is|call it|name it|title it|repeat(?: it)?|remind me|the answer is)\b[\s,:-]*)+/i;
const FILLER_AFTER = /[\s,]+(?:please|instead|then|thanks|thank you|i think|i guess)$/i;
// "the first", "option 2", "the latter": a pick among the schedules a choice question offered.
const PICK =
  /^(?:the\s+)?(?:option\s+|number\s+|#)?(first|1st|1|one|former|second|2nd|2|two|latter|last)(?:\s+(?:one|option))?$/i;
const LIST_OR_QUESTION =
  /^(?:what|what's|whats|which|who|where|when|how|show|list|find|search|display|help)\b/i;

function stripLeadIn(text: string): string {
  return text.replace(LEAD_IN, "").replace(FILLER_AFTER, "").trim();
}

// A new request opens with its own verb (or asks something) and reads as one on its own.
function isNewRequest(text: string, own: Intent): boolean {
  if (own.type === "clarify") return false;
  const first = text.split(/\s+/)[0]?.toLowerCase() ?? "";
  return (
    COMMAND_VERBS.includes(first) || LIST_OR_QUESTION.test(text) || own.type === "list" || own.type === "help"
  );
}

const ruleOf = (text: string, r: InterpretContext) => {
  const found = findSchedule(text, r);
  return found.kind === "found" && found.rest === "" ? found.recurrence.rrule : undefined;
};
const field = (rule: string, name: string) => new RegExp(`(?:^|;)${name}=([^;]+)`).exec(rule)?.[1];
const shape = (rule: string) => `${field(rule, "FREQ")}/${field(rule, "INTERVAL") ?? "1"}`;
const days = (rule: string) => field(rule, "BYDAY") ?? field(rule, "BYMONTHDAY");

function single<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

const ORDINAL_WORDS: Record<string, string> = {
  "1st": "first",
  "2nd": "second",
  "3rd": "third",
  "4th": "fourth",
  "5th": "fifth",
};
const spellOrdinals = (text: string) =>
  text.toLowerCase().replace(/\b[1-5](?:st|nd|rd|th)\b/g, (digits) => ORDINAL_WORDS[digits] ?? digits);

// Which offered schedule an answer picks: by place, by its words, by what it means ("monthly",
// "every 2 weeks", "the 2nd Tuesday of the month"), or by a word it shares with only one.
function pickOption(answer: string, options: string[], r: InterpretContext): string | undefined {
  const pick = PICK.exec(answer)?.[1]?.toLowerCase();
  if (pick) {
    const index = /^(?:first|1st|1|one|former)$/.test(pick)
      ? 0
      : /^(?:latter|last)$/.test(pick)
        ? options.length - 1
        : 1;
    return options[index];
  }
  const words = spellOrdinals(answer).replace(/^the\s+/, "");
  if (words.length >= 4) {
    const containing = single(options.filter((option) => spellOrdinals(option).includes(words)));
    if (containing) return containing;
  }
  const rule = ruleOf(answer, r) ?? ruleOf(`every ${answer}`, r);
  const rules = options.map((option) => ({ option, rule: ruleOf(option, r) ?? "" }));
  if (rule && days(rule))
    return single(rules.filter((o) => days(o.rule) === days(rule) && shape(o.rule) === shape(rule)))?.option;
  if (rule) return single(rules.filter((o) => shape(o.rule) === shape(rule)))?.option;
  const freq = /month/i.test(answer) ? "MONTHLY" : /week|fortnight/i.test(answer) ? "WEEKLY" : undefined;
  return freq ? single(rules.filter((o) => field(o.rule, "FREQ") === freq))?.option : undefined;
}

// The words of a schedule answer, when the answer is a schedule and nothing else.
function scheduleAnswer(
  answer: string,
  options: string[] | undefined,
  r: InterpretContext,
): string | undefined {
  const picked = options ? pickOption(answer, options, r) : undefined;
  if (picked) return picked;
  if (ruleOf(answer, r)) return answer;
  // "Thursdays", "day at 9": what follows "every" in the question's examples.
  if (ruleOf(`every ${answer}`, r)) return `every ${answer}`;
  return undefined;
}

// The words of a time answer, when the answer is a date or time and nothing else.
function timeAnswer(answer: string, r: InterpretContext): string | undefined {
  const found = findMoment(answer, r);
  if (!found) return undefined;
  const rest = `${answer.slice(0, found.start)} ${answer.slice(found.end)}`.trim();
  return rest === "" ? answer : undefined;
}

// The request with the answer in place of the words it replaces. The answer goes last, where
// every grammar looks for a schedule or a date ("add team sync at 10 every other Tuesday").
function withAnswer(text: string, phrase: string | undefined, answer: string): string {
  const at = phrase ? text.toLowerCase().indexOf(phrase.toLowerCase()) : -1;
  const without = at >= 0 && phrase ? `${text.slice(0, at)} ${text.slice(at + phrase.length)}` : text;
  return `${without} ${answer}`.replace(/\s+/g, " ").trim();
}

// The new task's name from the answer, keeping everything the request already said; what the
// answer adds ("pay rent #home") joins it.
function namedAdd(draft: AddIntent, answer: string, own: Intent, r: Reading): Intent | undefined {
  const named = own.type === "add" ? own : buildAdd(answer, r);
  if (named.type !== "add" || !named.title || !readsLikeATask(named.title)) return undefined;
  const tags = [...new Set([...(draft.tags ?? []), ...(named.tags ?? [])])];
  return { ...draft, ...named, ...(tags.length > 0 ? { tags } : {}) };
}

function fill(
  resume: Extract<Resume, { kind: "title" | "target" }>,
  answer: string,
  own: Intent,
  r: Reading,
): Intent | undefined {
  if (resume.kind === "target") {
    const target = parseTarget(answer, r.quotes);
    return target?.kind === "title" ? { type: resume.intent, target } : undefined;
  }
  if (resume.intent.type === "add") return namedAdd(resume.intent, answer, own, r);
  const title = cleanTitle(answer.replace(/^(?:called|named|titled)\s+/i, ""), r.quotes);
  return title && readsLikeATask(title) ? { ...resume.intent, title } : undefined;
}

function settled(resume: Resume, text: string): AnswerReading | undefined {
  if (NEVER_MIND.test(text)) return { kind: "dropped", reply: "OK, I've dropped that request." };
  if (resume.kind === "split") {
    if (BOTH.test(text)) return { kind: "intents", intents: resume.parts };
    return ONE.test(text) ? { kind: "intent", intent: resume.whole } : { kind: "new" };
  }
  if (resume.kind === "confirm") {
    if (YES.test(text)) return { kind: "reread", text: resume.text };
    return NO.test(text) ? { kind: "dropped", reply: "OK, I won't add it." } : { kind: "new" };
  }
  return undefined;
}

/**
 * How `message` answers the question whose `resume` is pending when its own reading cannot
 * change the answer: "never mind", and any answer to a yes/no (`confirm`) or one-or-several
 * (`split`) question. Undefined: ask the interpreter port and call `readAnswer`.
 */
export function settleAnswer(resume: Resume, message: string): AnswerReading | undefined {
  return settled(resume, normalizeMessage(message).text);
}

/** How `message` answers the question whose `resume` is pending. */
export function readAnswer(
  resume: Resume,
  message: string,
  context: InterpretContext,
  own: Intent,
): AnswerReading {
  const normalized = normalizeMessage(message);
  const r: Reading = { ...context, quotes: normalized.quotes };
  const text = normalized.text;
  const plain = settled(resume, text);
  if (plain) return plain;
  const titleToo = resume.kind === "title" && resume.intent.type === "add" && own.type === "add";
  if (isNewRequest(text, own) && !titleToo) return { kind: "new" };
  const answer = stripLeadIn(text);
  if (resume.kind === "title" || resume.kind === "target") {
    const intent = answer ? fill(resume, answer, own, r) : undefined;
    return intent ? { kind: "intent", intent } : { kind: "again" };
  }
  if (resume.kind === "reread") {
    const words =
      resume.expects === "schedule" ? scheduleAnswer(answer, resume.options, r) : timeAnswer(answer, r);
    if (words && resume.text)
      return { kind: "reread", text: withAnswer(resume.text, resume.phrase, requote(words, r.quotes)) };
  }
  // Not the answer: a request of its own ("buy milk tomorrow") is carried out; anything else asks again.
  return own.type === "clarify" || own.type === "say" ? { kind: "again" } : { kind: "new" };
}
