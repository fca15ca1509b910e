import { Validation } from "./errors.ts";

// The rules every string a client sends must follow, in one place. Two tiers:
// - any string (body fields at any depth, query parameters): no U+0000, which PostgreSQL cannot
//   store in text, and no unpaired UTF-16 surrogate, which has no UTF-8 form. Both used to be a 500.
// - display text (titles, tags, names: what other screens render on one line): additionally no
//   control characters and no bidirectional overrides or isolates, which can make a title read
//   differently from what it is ("Trojan Source"). Refused rather than stripped, so that what is
//   stored is exactly what was sent, and the client is told which field to fix.

const NUL = "\u0000";

/** Why a string cannot be accepted at all, or undefined when it can. */
export function stringProblem(text: string): string | undefined {
  if (text.includes(NUL)) return "must not contain U+0000 (a NUL character)";
  if (!text.isWellFormed()) return "must be valid Unicode (it has an unpaired UTF-16 surrogate)";
  return undefined;
}

/**
 * Walks a parsed JSON value and throws a Validation naming the first string (value or key) that
 * breaks the universal rule, e.g. `tags.2`. The body guard bounds the depth before this runs.
 * @example
 * checkStrings({ title: "a\u0000b" }) // throws Validation("title", "must not contain U+0000 …")
 */
export function checkStrings(value: unknown, field = "body"): void {
  if (typeof value === "string") {
    const problem = stringProblem(value);
    if (problem) throw new Validation(field, problem);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkStrings(item, `${field}.${i}`));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const path = field === "body" ? key : `${field}.${key}`;
      const keyProblem = stringProblem(key);
      if (keyProblem)
        throw new Validation(field, `has a field name that ${keyProblem.replace(/^must/, "does not")}`);
      checkStrings(item, path);
    }
  }
}

// C0 and C1 controls, DEL, and the bidirectional formatting characters (embeddings, overrides,
// isolates, and the marks that steer them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const DISPLAY_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Throws a Validation when text shown on one line (a title, a tag, a name) holds a control or
 * bidirectional-formatting character; returns the text unchanged otherwise.
 * @example
 * checkDisplayText("title", "invoice\u202Etxt.exe") // throws: title must not contain U+202E …
 */
export function checkDisplayText(field: string, text: string): string {
  const match = DISPLAY_FORBIDDEN.exec(text);
  if (match) {
    const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new Validation(field, `must not contain control or text-direction characters (found ${code})`);
  }
  return text;
}
