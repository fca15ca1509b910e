import { sql, type SQL } from "drizzle-orm";
import { tasks } from "../db/schema.ts";

// pg_trgm can index a substring only from three characters on; a shorter word would scan every
// one of the user's tasks, so it matches the start of a word through the full-text index instead.
const SHORTEST_SUBSTRING = 3;
const ALPHANUMERIC = /^[\p{L}\p{N}]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The distinct words of a keyword query, lowercased; each must match, in any order. */
export function keywordWords(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One condition per word, all required. A word of three characters or more matches anywhere in
 * the title or description, part of a word included ("port" finds "report"), through the
 * trigram index; a shorter one matches the start of a word ("ca" finds "call", not "vacation")
 * through the full-text index. Both indexes are GIN, so several words combine by BitmapAnd.
 * @example keywordConditions(["bank", "ca"]) // title/description contains "bank" and a word starts with "ca"
 */
export function keywordConditions(words: string[]): SQL[] {
  return words.map((word) =>
    word.length < SHORTEST_SUBSTRING && ALPHANUMERIC.test(word)
      ? sql`${tasks.searchVector} @@ to_tsquery('simple', ${`${word}:*`})`
      : sql`(${tasks.title} || ' ' || ${tasks.description}) ilike ${`%${escapeLike(word)}%`}`,
  );
}

// A quoted tsquery lexeme with a prefix mark: quotes and backslashes escaped, so any text is safe.
const prefixLexeme = (word: string) => `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`;

/**
 * How well a task matches: ts_rank over the words as prefixes, any of them, so a task whose
 * title starts words with all of them ranks first, then fewer or description-only matches, and a
 * match inside a word only ranks 0. Words without a letter or digit ("%") rank nothing.
 */
export function keywordRank(words: string[]): SQL {
  const lexemes = words.filter((word) => HAS_LETTER_OR_DIGIT.test(word)).map(prefixLexeme);
  if (lexemes.length === 0) return sql`0::real`;
  return sql`ts_rank(${tasks.searchVector}, to_tsquery('simple', ${lexemes.join(" | ")}))`;
}
