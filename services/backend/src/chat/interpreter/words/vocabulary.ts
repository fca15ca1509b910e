/** Words the grammar files share: weekdays, numbers, ordinals and the verbs that start a command. */

export type WeekdayCode = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";

/** Monday first, as in RRULE and ISO weeks (the product's weeks start on Monday). */
export const WEEKDAY_CODES: WeekdayCode[] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

// Longest spellings first so that alternations match "thursday" before "thu".
const WEEKDAY_SPELLINGS: [WeekdayCode, string[]][] = [
  ["MO", ["monday", "mon"]],
  ["TU", ["tuesday", "tues", "tue"]],
  ["WE", ["wednesday", "weds", "wed"]],
  ["TH", ["thursday", "thurs", "thur", "thu"]],
  ["FR", ["friday", "fri"]],
  ["SA", ["saturday", "sat"]],
  ["SU", ["sunday", "sun"]],
];

/** One weekday name, full or abbreviated, optionally plural ("mondays"). */
export const WEEKDAY = `(?:${WEEKDAY_SPELLINGS.flatMap(([, names]) => names).join("|")})(?:'?s)?`;

export function weekdayCode(word: string): WeekdayCode | undefined {
  const text = word.toLowerCase().replace(/'s$/, "");
  const singular = text.endsWith("s") ? text.slice(0, -1) : text; // "mondays", but "tues" and "thurs" are spellings
  return WEEKDAY_SPELLINGS.find(([, names]) => names.includes(text) || names.includes(singular))?.[0];
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  "forty-five": 45,
  fortyfive: 45,
  ninety: 90,
};

/** A count written as digits or a small word: "3", "three", "a". */
export const NUMBER = `(?:\\d+|${Object.keys(NUMBER_WORDS).join("|")})`;

export function numberValue(word: string): number | undefined {
  const text = word.toLowerCase();
  if (/^\d+$/.test(text)) return Number(text);
  return NUMBER_WORDS[text];
}

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  last: -1,
  "second last": -2,
  "second to last": -2,
  "next to last": -2,
  penultimate: -2,
};

/** "first", "2nd", "last", "second to last" (as used for "the last Friday of the month"). */
export const ORDINAL = `(?:second to last|next to last|second last|penultimate|first|second|third|fourth|fifth|last|\\d{1,2}(?:st|nd|rd|th))`;

export function ordinalValue(word: string): number | undefined {
  const text = word.toLowerCase().replace(/\s+/g, " ");
  const digits = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(text);
  if (digits?.[1]) return Number(digits[1]);
  return ORDINAL_WORDS[text];
}

/** Verbs that open a command of their own; "I need to delete X" keeps its verb, "I need to buy milk" becomes an add. */
export const COMMAND_VERBS = [
  "add",
  "create",
  "make",
  "new",
  "put",
  "delete",
  "remove",
  "erase",
  "drop",
  "trash",
  "cancel",
  "stop",
  "complete",
  "finish",
  "mark",
  "tick",
  "check",
  "cross",
  "reopen",
  "undo",
  "rename",
  "retitle",
  "change",
  "set",
  "update",
  "move",
  "reschedule",
  "postpone",
  "push",
  "remind",
  "show",
  "list",
  "find",
  "search",
  "display",
  "tag",
  "untag",
  "prioritize",
  "prioritise",
  "deprioritize",
  "deprioritise",
  "repeat",
  "schedule",
];
