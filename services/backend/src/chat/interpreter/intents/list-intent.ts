import type { Intent } from "../intent.ts";
import { readFilters } from "./list-filters.ts";
import { describeFilters } from "./list-phrase.ts";
import type { Reading } from "../reading.ts";

/**
 * Listing and searching: "show my tasks", "what's on my list", "Show me all high-priority tasks",
 * "Find tasks about presentation", "what did I finish this week", "any overdue tasks?".
 */

const LIST_VERB =
  /^(?:show|list|display|view|see|get(?!\s+rid)|give me|fetch|pull up|bring up|print|find|search|look up|lookup|look for|filter|what(?:'s|\s+is|\s+are|\s+do|\s+did|\s+have)?|whats|which|do i have|did i|have i|are there|is there|any(?:thing)?|how many|tell me)\b/i;
const BARE_LIST =
  /^(?:my\s+|all\s+(?:my\s+)?|the\s+)?(?:tasks|todos|to-dos|todo list|to-do list|to do list|list|agenda|everything|all)$/i;

const SEARCH_VERB = /^(?:find|search|look up|lookup|look|filter)(?:\s+for)?\b/i;

/** True when the message asks to see tasks rather than change one. */
export function isListRequest(text: string): boolean {
  return LIST_VERB.test(text) || BARE_LIST.test(text);
}

export function readList(text: string, r: Reading): Intent | undefined {
  if (!isListRequest(text)) return undefined;
  // A search verb goes first, so that the "for" of "look for" / "search for" is never read as a keyword.
  const read = readFilters(text.replace(SEARCH_VERB, ""), r);
  return { type: "list", filters: read.filters, phrase: describeFilters(read) };
}
