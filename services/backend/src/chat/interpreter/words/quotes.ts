/**
 * Quoted phrases are the user saying "this is a name, take it literally". Each one is swapped for
 * a placeholder (‹0›, ‹1›…) before the grammar runs, so a quoted title like 'meeting tomorrow'
 * is never read as a date and 'a, b' never split as a tag list; slots put the words back.
 */

const PLACEHOLDER = /‹(\d+)›/g;

// A single quote opens only after a space or punctuation and closes only before one, so the
// apostrophes in "what's" and "mom's birthday" stay part of their words.
const SINGLE = /(^|[\s(:,;])'((?:[^']|'(?=\w))*?[^\s'])'(?=$|[\s.,!?:;)])/g;
const DOUBLE = /"([^"]+)"/g;

export type Protected = { text: string; quotes: string[] };

// Curly and typographic quotes count as the straight ones: “call mom” is quoted as "call mom" is.
function straightenQuotes(input: string): string {
  return input.replace(/[‘’‚‛′`´]/g, "'").replace(/[“”„‟″«»]/g, '"');
}

/** Each quoted phrase (straight or curly quotes) swapped for a placeholder: `add “call mom”` → `add ‹0›`, quotes `["call mom"]`. */
export function protectQuotes(input: string): Protected {
  const quotes: string[] = [];
  const keep = (content: string) => `‹${quotes.push(content.trim()) - 1}›`;
  const text = straightenQuotes(input)
    .replace(/[‹›]/g, '"')
    .replace(DOUBLE, (_, content: string) => keep(content))
    .replace(SINGLE, (_, before: string, content: string) => `${before}${keep(content)}`);
  return { text, quotes };
}

/** Puts the quoted words back in place of their placeholders. */
export function restoreQuotes(text: string, quotes: string[]): string {
  return text.replace(PLACEHOLDER, (whole, index: string) => quotes[Number(index)] ?? whole);
}

/** True when the whole text is one quoted phrase: it is then a title exactly as typed. */
export function isWhollyQuoted(text: string): boolean {
  return /^‹\d+›$/.test(text.trim());
}

/** Puts the quoted words back with their quotes, so that reading the text again protects them again. */
export function requote(text: string, quotes: string[]): string {
  return text.replace(PLACEHOLDER, (whole, index: string) =>
    quotes[Number(index)] === undefined ? whole : `"${quotes[Number(index)]}"`,
  );
}
