import { restoreQuotes } from "./quotes.ts";

/**
 * Tags as people write them: "#home", "tags: travel, urgent", "tags a and b", "with tag x",
 * "tagged 'work'". Tags are single words (or quoted phrases), lowercased, without duplicates.
 */

const ITEM = /^(?:‹\d+›|#?[\p{L}\p{N}][\p{L}\p{N}_-]*)/u;
const SEPARATOR = /^\s*(?:,|&|\+|\/|\band\b|\bor\b)\s*(?:and\s+)?/i;
// Words that end a tag list: what follows them is the rest of the sentence, not another tag.
const STOP_WORDS = new Set([
  "due",
  "by",
  "on",
  "at",
  "for",
  "to",
  "every",
  "each",
  "daily",
  "weekly",
  "monthly",
  "yearly",
  "remind",
  "reminder",
  "priority",
  "tomorrow",
  "today",
  "tonight",
  "next",
  "this",
  "in",
  "from",
  "until",
  "starting",
  "the",
  "a",
  "an",
  "and",
  "with",
  "that",
  "which",
  "is",
  "are",
  "as",
  "it",
  "please",
  "description",
  "notes",
  "note",
  "tag",
  "tags",
  "task",
  "tasks",
  "from",
  "instead",
]);
// "tags: a, b", "with tags a and b", ", tag x", "tagged x", "labelled as x".
const KEYWORD = new RegExp(
  [
    String.raw`(?:^|\s*,\s*|\s+)(?:and\s+)?(?:with\s+)?(?:the\s+)?(?:tags?|labels?)\s*[:=]\s*`,
    String.raw`(?:\s*,\s*(?:and\s+)?(?:with\s+)?|\s+(?:and\s+)?with\s+|\s+and\s+)(?:the\s+)?(?:tags?|labels?)\s+`,
    String.raw`(?:^|\s*,\s*|\s+)(?:and\s+)?(?:tagged|labell?ed)\s+(?:as\s+|with\s+)?`,
    String.raw`\s+(?:tags|labels)\s+`, // "buy milk tags errands and home"; a lone "tag" is too often a word
  ].join("|"),
  "giu",
);
const HASHTAG = /(^|\s)#([\p{L}\p{N}][\p{L}\p{N}_-]*)/gu;

export function normalizeTag(raw: string, quotes: string[]): string {
  return restoreQuotes(raw, quotes).trim().replace(/^#/, "").replace(/\s+/g, " ").toLowerCase();
}

/** Reads a tag list from the start of `text`; `length` is how much of it the list took. */
export function readTagList(text: string, quotes: string[]): { tags: string[]; length: number } {
  const tags: string[] = [];
  let at = 0;
  let end = 0;
  for (;;) {
    const item = ITEM.exec(text.slice(at));
    if (!item || (STOP_WORDS.has(item[0].toLowerCase()) && !item[0].startsWith("‹"))) break;
    tags.push(normalizeTag(item[0], quotes));
    at += item[0].length;
    end = at;
    const separator = SEPARATOR.exec(text.slice(at));
    if (!separator) break;
    at += separator[0].length;
  }
  return { tags: [...new Set(tags)].filter(Boolean), length: end };
}

/** Cuts every tag phrase out of a sentence. Example: `buy milk #home, tags: errands` → `buy milk`, [home, errands]. */
export function extractTags(text: string, quotes: string[]): { tags: string[]; rest: string } {
  const tags: string[] = [];
  let rest = text.replace(HASHTAG, (_, before: string, tag: string) => {
    tags.push(tag.toLowerCase());
    return before;
  });
  for (let guard = 0; guard < 5; guard++) {
    const keyword = new RegExp(KEYWORD.source, "giu");
    let cut: { start: number; end: number } | undefined;
    for (let m = keyword.exec(rest); m && !cut; m = keyword.exec(rest)) {
      const list = readTagList(rest.slice(m.index + m[0].length), quotes);
      if (list.tags.length > 0) {
        tags.push(...list.tags);
        cut = { start: m.index, end: m.index + m[0].length + list.length };
      }
      if (m[0].length === 0) keyword.lastIndex++;
    }
    if (!cut) break;
    rest = `${rest.slice(0, cut.start)} ${rest.slice(cut.end)}`;
  }
  return {
    tags: [...new Set(tags)],
    rest: rest
      .replace(/\s+/g, " ")
      .replace(/\s+([,.])/g, "$1")
      .trim(),
  };
}
