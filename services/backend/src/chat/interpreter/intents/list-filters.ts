import { wallTimeOf } from "../../../time/zoned.ts";
import { findRange, type DateRange } from "../dates/date-ranges.ts";
import type { Filters, Priority } from "../intent.ts";
import { extractPriority, priorityOf, tagLikeWord } from "../words/priority.ts";
import { restoreQuotes } from "../words/quotes.ts";
import type { Reading } from "../reading.ts";
import { extractTags } from "../words/tags.ts";

/**
 * The filters of a list request, each cut out in turn: sort order, tags, priorities, date range,
 * status, keyword. Words left over right before "tasks" are tags ("work tasks"); any other
 * leftover word is the keyword ("find presentation"). A range counts as completion dates when the
 * words say so ("completed this week") or the list is of completed tasks, otherwise as due dates.
 */

export type ReadFilters = { filters: Filters; dueLabel?: string; completedLabel?: string; overdue: boolean };

const PRIORITIES =
  /\b((?:high|medium|low|normal)(?:\s*(?:,|and|or|\/|&)\s*(?:high|medium|low|normal))+)[\s-]*(?:priority|prio|pri)(?:\s+and\s+(?:high|medium|low|normal)[\s-]*(?:priority|prio))?\b/i;
const KEYWORD =
  /\b(?:about|containing|contains|mentioning|mention|mentions|matching|match|matches|regarding|related to|concerning|with the words?|named|called|titled|including|includes|include|with|for|like)\s+(‹\d+›|[\p{L}\p{N}][\p{L}\p{N}'-]*(?:\s+(?!(?:due|tagged|that|which|from|this|next|last|today|tomorrow|yesterday|overdue|completed|finished|done|pending|and|with|before|after|by|in|on)\b)[\p{L}\p{N}][\p{L}\p{N}'-]*)*)(?:\s+in\s+(?:the\s+|their\s+|its\s+)?(?:title|name|description|text))?/iu;
const IN_TITLE =
  /\b(?:has|have|having|with)\s+(‹\d+›|\S+)\s+in\s+(?:the\s+|their\s+|its\s+)?(?:title|name|description|text)\b/i;
const PENDING =
  /\b(?:(?:not|aren'?t|isn'?t|haven'?t been|have not been)\s+(?:yet\s+)?(?:done|completed|complete|finished)|incomplete|unfinished|uncompleted|undone|pending|open|outstanding|remaining|active|left(?:\s+to\s+do)?|still\s+to\s+do|not\s+started|unchecked|to\s+be\s+done)\b/i;
const COMPLETED =
  /\b(?:(?:did|have|had)\s+i\s+(?:finish|finished|complete|completed|do|get done|close|closed|tick off|check off)|i(?:'ve|\s+have)?\s+(?:already\s+)?(?:finished|completed|done|closed|did)|completed|complete|done|finished|closed|checked off|ticked off|accomplished)\b/i;
const CANCELLED = /\b(?:cancell?ed)\b/i;
const OVERDUE = /\b(?:overdue|late|past due|past their due date|behind)\b/i;
const FILLER = new Set(
  (
    "show me my the a an all any some of list lists display view see get give fetch find search for look up pull bring print tell what what's whats which " +
    "is are were was there do does did i i'm have has had to on in at that which with can could you your our please everything anything items item " +
    "things thing stuff task tasks todo todos to-do to-dos todo's entries currently right now still need got be and or every each just ones one it they " +
    "them also exist exists existing whole entire full how many count number there's lookup recurring repeating plate agenda schedule calendar"
  ).split(" "),
);
const SORT =
  /\b(?:(?:sorted|ordered|sort(?:ed)?|order(?:ed)?|arranged)\s+by|by)\s+(due\s+date|deadline|due|priority|importance|date\s+created|creation\s+date|created|newest|oldest|date\s+added)\b/i;
const TASK_NOUN = /^(?:tasks?|todos?|to-dos?|items?|ones?|things?|entries|stuff)$/i;

function cut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)} ${text.slice(end)}`.replace(/\s+/g, " ").trim();
}

function readPriorities(text: string): { priority?: Priority[]; rest: string; word?: string } {
  const many = PRIORITIES.exec(text);
  if (many) {
    const words = many[0].match(/high|medium|low|normal/gi) ?? [];
    const priority = [...new Set(words.map((w) => priorityOf(w)).filter((p) => p !== undefined))];
    return { priority, rest: cut(text, many.index, many.index + many[0].length) };
  }
  const one = extractPriority(text);
  return one.priority
    ? { priority: [one.priority], rest: one.rest, word: tagLikeWord(text, one.rest) }
    : { rest: text };
}

function readStatus(text: string): { status?: Filters["status"]; overdue: boolean; rest: string } {
  const overdue = OVERDUE.exec(text);
  if (overdue)
    return {
      status: "pending",
      overdue: true,
      rest: cut(text, overdue.index, overdue.index + overdue[0].length),
    };
  for (const [status, pattern] of [
    ["pending", PENDING],
    ["cancelled", CANCELLED],
    ["completed", COMPLETED],
  ] as const) {
    const m = pattern.exec(text);
    if (m) return { status, overdue: false, rest: cut(text, m.index, m.index + m[0].length) };
  }
  return { overdue: false, rest: text };
}

// Leftover words: those right before "tasks" name tags ("work tasks"), the rest is the keyword.
function readLeftovers(text: string, quotes: string[]): { tags: string[]; q?: string } {
  const words = text.split(/\s+/).filter(Boolean);
  const tags: string[] = [];
  const keyword: string[] = [];
  words.forEach((word, i) => {
    const bare = word.toLowerCase().replace(/[,.?!:;]+$/, "");
    if (!bare || FILLER.has(bare) || TASK_NOUN.test(bare)) return;
    const beforeNoun = words
      .slice(i + 1)
      .find(
        (next) => (!/^(?:and|&|,)$/i.test(next) && !FILLER.has(next.toLowerCase())) || TASK_NOUN.test(next),
      );
    if (beforeNoun && TASK_NOUN.test(beforeNoun)) tags.push(restoreQuotes(bare, quotes).toLowerCase());
    else keyword.push(restoreQuotes(word.replace(/[,.?!:;]+$/, ""), quotes));
  });
  return keyword.length > 0 ? { tags, q: keyword.join(" ") } : { tags };
}

function applyRange(filters: Filters, range: DateRange, kind: "due" | "completed"): void {
  if (kind === "due") {
    if (range.from) filters.due_from = range.from;
    if (range.to) filters.due_to = range.to;
  } else {
    if (range.from) filters.completed_from = range.from;
    if (range.to) filters.completed_to = range.to;
  }
}

function readSort(text: string): { sort?: Filters["sort"]; rest: string } {
  const m = SORT.exec(text);
  if (!m?.[1]) return { rest: text };
  const key = m[1].toLowerCase();
  const sort = /due|deadline/.test(key) ? "due" : /priority|importance/.test(key) ? "priority" : "created";
  return { sort, rest: cut(text, m.index, m.index + m[0].length) };
}

export function readFilters(body: string, r: Reading): ReadFilters {
  const filters: Filters = {};
  const sorted = readSort(body);
  if (sorted.sort) filters.sort = sorted.sort;
  const tagged = extractTags(sorted.rest, r.quotes);
  const prioritized = readPriorities(tagged.rest);
  let rest = prioritized.rest;
  const range = findRange(rest, r);
  if (range) rest = cut(rest, range.start, range.end);
  const status = readStatus(rest);
  rest = status.rest;
  const keyword = IN_TITLE.exec(rest) ?? KEYWORD.exec(rest);
  if (keyword?.[1]) {
    filters.q = restoreQuotes(keyword[1].replace(/^(?:the|a|an|my)\s+(?=\S)/i, ""), r.quotes).trim();
    rest = cut(rest, keyword.index, keyword.index + keyword[0].length);
  }
  const leftovers = readLeftovers(rest, r.quotes);
  const tags = [...new Set([...tagged.tags, ...leftovers.tags])];
  if (status.status) filters.status = status.status;
  if (prioritized.priority) filters.priority = prioritized.priority;
  if (prioritized.word) filters.priority_word = prioritized.word;
  if (tags.length > 0) filters.tags = tags;
  if (!filters.q && leftovers.q) filters.q = leftovers.q;
  const result: ReadFilters = { filters, overdue: status.overdue };
  if (status.overdue)
    filters.due_to = wallTimeOf(r.now, r.zone).toPlainDate().subtract({ days: 1 }).toString();
  if (range) {
    const kind = range.kind === "either" ? (status.status === "completed" ? "completed" : "due") : range.kind;
    // "completed tasks due this week" is still about completion when the words say "completed this week".
    if (kind === "completed" && !filters.status) filters.status = "completed";
    applyRange(filters, range.range, kind);
    // On a Sunday the week is ending: "due this week" means the days ahead, today through next Sunday.
    const today = wallTimeOf(r.now, r.zone).toPlainDate();
    if (kind === "due" && range.range.label === "this week" && today.dayOfWeek === 7) {
      Object.assign(filters, { due_from: today.toString(), due_to: today.add({ days: 7 }).toString() });
      result.dueLabel = "in the week ahead";
    } else if (kind === "due") result.dueLabel = range.range.label;
    else result.completedLabel = range.range.label;
  }
  return result;
}
