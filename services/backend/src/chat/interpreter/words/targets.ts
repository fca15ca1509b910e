import type { TaskRef } from "../intent.ts";
import { isWhollyQuoted, restoreQuotes } from "./quotes.ts";

/**
 * Titles and task references: the user's own words minus the command words around them.
 * "a task to water the plants" → "water the plants"; "the call mom task" → "call mom";
 * "it", "that one", "this task" → the task last talked about.
 */

const PRONOUN =
  /^(?:it|that|this|that one|this one|that task|this task|the task|that item|this item|the last one|the last task|the same task|same task|the one)$/i;
const TASK_NOUN = String.raw`(?:task|todo|to-do|to do|item|entry|reminder|note)`;
const LEADING_TASK_NOUN = new RegExp(
  String.raw`^(?:(?:a|an|one|the|my|another)\s+)?(?:(?:new|recurring|repeating|quick)\s+)*${TASK_NOUN}s?\b\s*(?:(?:called|named|titled|that says|saying|to|for|about|of|:|-)\s*)?`,
  "i",
);
const NAMED = new RegExp(
  String.raw`^(?:(?:the|my|a)\s+)?(?:${TASK_NOUN}|one)\s+(?:called|named|titled|that says|about)\s+`,
  "i",
);
const CONTAINER =
  /\s+(?:to|on|in|onto|into)\s+(?:my|the|our)\s+(?:todo\s+|to-do\s+|to do\s+|task\s+)?(?:list|tasks|todos|to-dos)$/i;
const ARTICLE = /^(?:the|my|a|an|our|that|this)\s+/i;
const LEADING_NOUN = new RegExp(String.raw`^${TASK_NOUN}\s*:?\s+`, "i");
// Not "note" or "entry" at the end: "standup notes" and "journal entry" are what the task is.
const TRAILING_NOUN = /\s+(?:task|todo|to-do|to do|item|reminder|one)s?$/i;
const EDGE_PUNCTUATION = /^[\s,:;.\-–—]+|[\s,:;.\-–—!?]+$/g;

function trimEdges(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]/g, " ")
    .replace(/\s+/g, " ")
    .replace(EDGE_PUNCTUATION, "");
}

/** The title of a new task from what is left of the message once every slot is cut out. */
export function cleanTitle(raw: string, quotes: string[]): string {
  let text = trimEdges(raw);
  if (isWhollyQuoted(text)) return restoreQuotes(text, quotes).trim();
  for (let previous = ""; previous !== text; ) {
    previous = text;
    const withoutNoun = text.replace(LEADING_TASK_NOUN, "");
    if (withoutNoun.trim()) text = withoutNoun;
    text = trimEdges(text.replace(CONTAINER, "").replace(/^(?:called|named|titled|to|that|me to)\s+/i, ""));
  }
  // "a standup task" is the task "standup"; a title that is nothing but "task" stays as typed.
  const bare = text.replace(/^(?:a|an|the)\s+/i, "").replace(TRAILING_NOUN, "");
  if (bare.trim() && bare !== text) text = bare;
  return trimEdges(restoreQuotes(text, quotes));
}

/** The task a command is about, or undefined when nothing is named. */
export function parseTarget(raw: string, quotes: string[]): TaskRef | undefined {
  let text = trimEdges(raw);
  if (!text) return undefined;
  if (PRONOUN.test(text)) return { kind: "pronoun" };
  if (isWhollyQuoted(text)) return { kind: "title", text: restoreQuotes(text, quotes).trim() };
  text = text.replace(NAMED, "");
  for (let previous = ""; previous !== text; ) {
    previous = text;
    const stripped = trimEdges(
      text.replace(ARTICLE, "").replace(LEADING_NOUN, "").replace(TRAILING_NOUN, "").replace(CONTAINER, ""),
    );
    if (stripped) text = stripped;
  }
  if (PRONOUN.test(text)) return { kind: "pronoun" };
  const title = trimEdges(restoreQuotes(text, quotes));
  return title ? { kind: "title", text: title } : undefined;
}

/** Like parseTarget, but "mark as done" with no task named means the task last talked about. */
export function targetOrPronoun(raw: string, quotes: string[]): TaskRef {
  return parseTarget(raw, quotes) ?? { kind: "pronoun" };
}
