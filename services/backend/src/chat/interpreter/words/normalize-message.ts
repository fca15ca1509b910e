import { protectQuotes, type Protected } from "./quotes.ts";
import { COMMAND_VERBS } from "./vocabulary.ts";
import { swapDistance } from "./fuzzy.ts";

// Misspellings of the words the grammar keys on. Titles keep their own spelling: only these
// exact words are rewritten, and none of them is a word in its own right.
const TYPOS: Record<string, string> = {
  tomorow: "tomorrow",
  tommorow: "tomorrow",
  tommorrow: "tomorrow",
  tomorrrow: "tomorrow",
  tomorro: "tomorrow",
  tmrw: "tomorrow",
  tmrow: "tomorrow",
  tmr: "tomorrow",
  "2moro": "tomorrow",
  "2morrow": "tomorrow",
  tonite: "tonight",
  "2night": "tonight",
  wensday: "wednesday",
  wednsday: "wednesday",
  wendsday: "wednesday",
  wedensday: "wednesday",
  thurday: "thursday",
  thrusday: "thursday",
  tuseday: "tuesday",
  teusday: "tuesday",
  saterday: "saturday",
  firday: "friday",
  taks: "task",
  tsak: "task",
  tasl: "task",
  taskss: "tasks",
  tsaks: "tasks",
  takss: "tasks",
  reminer: "reminder",
  remider: "reminder",
  remindr: "reminder",
  remnder: "reminder",
  remidner: "reminder",
  remnd: "remind",
  remid: "remind",
  rmind: "remind",
  remidn: "remind",
  reimnd: "remind",
  priorty: "priority",
  prioirty: "priority",
  priorit: "priority",
  priotity: "priority",
  prority: "priority",
  priortiy: "priority",
  proirity: "priority",
  delte: "delete",
  deleet: "delete",
  dlete: "delete",
  delet: "delete",
  remvoe: "remove",
  rmove: "remove",
  reomve: "remove",
  remov: "remove",
  compelte: "complete",
  complet: "complete",
  cmplete: "complete",
  comlpete: "complete",
  dlt: "delete",
  mrk: "mark",
  marl: "mark",
  complte: "complete",
  comlete: "complete",
  shwo: "show",
  lsit: "list",
  evry: "every",
  evrey: "every",
  eveyr: "every",
  evey: "every",
  everyday: "every day",
  teh: "the",
  hte: "the",
  wiht: "with",
  wtih: "with",
  yuo: "you",
  oyu: "you",
  cuold: "could",
  coudl: "could",
  wolud: "would",
  woudl: "would",
  cna: "can",
  plase: "please",
  chnage: "change",
  chaneg: "change",
  cahnge: "change",
  renmae: "rename",
  rname: "rename",
  mkae: "make",
  amke: "make",
  mrak: "mark",
  makr: "mark",
};

const POLITENESS = /\b(?:please|pls|plz|plse|pleas|plese|pleeze|pleez|pleaes|kindly)\b,?\s*/gi;
const THANKS = /[,\s]*\b(?:thanks|thank you|thank u|thx|ty|cheers|ta)\b[\s!.]*$/i;
// "actually, make it friday" corrects the last request; "no, ..." only with its comma ("no due date" is no interjection).
const INTERJECTION =
  /^(?:(?:hey|hi|hello|ok|okay|so|um+|uh+|yo|alright|right|hmm+|oh|well|bot|assistant|actually|wait|oh wait|oops|sorry)\b[,!.]?\s+|no[,!.]\s+)/i;
const REQUEST =
  /^(?:would you mind|do you mind|(?:can|could|would|will|cn|culd|coud|cud|wud|wuld|wld)\s+(?:you|u|ya)|i(?:'d| would) like (?:you )?to|i want you to|i need you to|go ahead and|just|quickly|also|and then|then|now)\b[,\s]*/i;
const GERUNDS: Record<string, string> = {
  adding: "add",
  creating: "create",
  deleting: "delete",
  removing: "remove",
  marking: "mark",
  showing: "show",
  listing: "list",
  setting: "set",
  changing: "change",
  renaming: "rename",
  moving: "move",
  reminding: "remind",
  making: "make",
  finding: "find",
};
// "I need to buy milk" is an add with the title "buy milk"; "I need to delete X" keeps its verb.
const NEED_TO =
  /^(?:i\s+)?(?:really\s+)?(?:need to|have to|'ve got to|ve got to|have got to|gotta|must|should|want to|wanna|would like to|'d like to|remember to|don't forget to|dont forget to|do not forget to|don'?t let me forget to|do not let me forget to|make sure (?:i|to))\s+/i;

// Misspelt filler is fixed without a word; a fixed verb or date is said back to the user.
const SILENT = new Set([
  "teh",
  "hte",
  "wiht",
  "wtih",
  "yuo",
  "oyu",
  "cuold",
  "coudl",
  "wolud",
  "woudl",
  "cna",
  "plase",
  "taks",
  "tsak",
  "tasl",
  "taskss",
  "tsaks",
  "takss",
  "everyday",
]);
// Long date words are recognised one slip away ("wendesday", "tomorow"); short ones only from
// the list above, so that "sundae" stays a sundae. A plural ("mondays") is no slip.
const DATE_WORDS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "tomorrow",
  "tonight",
  "january",
  "february",
  "september",
  "october",
  "november",
  "december",
  "weekend",
  "afternoon",
  "evening",
  "morning",
];
// "ad buy milk": a verb typed short. Only at the start, where a command word stands.
const LEADING_VERB_TYPOS: Record<string, string> = {
  ad: "add",
  addd: "add",
  creat: "create",
  shw: "show",
  remine: "remind",
  resechedule: "reschedule",
  reschedul: "reschedule",
};

function nearDateWord(word: string): string | undefined {
  const text = word.toLowerCase();
  if (text.length < 7 || !/^[a-z]+$/.test(text) || DATE_WORDS.includes(text)) return undefined;
  return DATE_WORDS.find((candidate) => text !== `${candidate}s` && swapDistance(text, candidate) === 1);
}

/** The misspelt words of a message and how they were read: [["tomorow", "tomorrow"]]. */
export function spellingFixes(message: string): [string, string][] {
  const fixes: [string, string][] = [];
  const first = /^\s*([A-Za-z]+)\b/.exec(message)?.[1];
  if (first && LEADING_VERB_TYPOS[first.toLowerCase()])
    fixes.push([first, LEADING_VERB_TYPOS[first.toLowerCase()]!]);
  for (const word of message.match(/[A-Za-z0-9]+/g) ?? []) {
    const fixed = TYPOS[word.toLowerCase()] ?? nearDateWord(word);
    if (fixed && !SILENT.has(word.toLowerCase()) && !fixes.some(([from]) => from === word))
      fixes.push([word, fixed]);
  }
  return fixes;
}

// Todoist's shorthands: "ev mon, fri" is "every mon, fri"; "fri @ 7pm" is "fri at 7pm" ("@" before a time only).
function expandShorthands(text: string): string {
  return text
    .replace(
      /\bev\s+(?=(?:other|\d|mon|tue|wed|thu|fri|sat|sun|day|week|month|year|work|morning|afternoon|evening|night|last|first|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)/gi,
      "every ",
    )
    .replace(/\s@\s*(?=\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m|p\.m)?\b)/gi, " at ");
}

function fixTypos(text: string): string {
  const verbFixed = text.replace(/^([A-Za-z]+)\b/, (word) => LEADING_VERB_TYPOS[word.toLowerCase()] ?? word);
  return verbFixed.replace(
    /[A-Za-z0-9]+/g,
    (word) => TYPOS[word.toLowerCase()] ?? nearDateWord(word) ?? word,
  );
}

// "2 p.m." and "2 p.m" both read as "2 pm", which every time grammar (ours and chrono's) knows.
function normalizeMeridiem(text: string): string {
  return text.replace(
    /(\d)\s*([ap])\.\s?m\b\.?/gi,
    (_, digit: string, letter: string) => `${digit} ${letter.toLowerCase()}m`,
  );
}

// "around 11", "about 7pm", "11ish", "~9": a time said roughly is that time ("remind me about 2
// things" and "about 3 hours" are no times).
const NOT_A_TIME = String.raw`(?!\s*(?:min|mins|minutes?|hours?|hrs?|h|days?|weeks?|months?|years?|times|tasks?|things?|people|%)\b)`;
const ROUGHLY = new RegExp(
  String.raw`\b(?:at\s+)?(?<!\bme\s)(?:around|about|approx(?:imately)?|roughly|circa)\s+(?=\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b${NOT_A_TIME})|~\s*(?=\d)`,
  "gi",
);
const ISH = /\b(?:at\s+)?(\d{1,2}(?::\d{2})?(?:\s*(?:am|pm))?)\s*-?ish\b/gi;

function approximateTimes(text: string): string {
  return text.replace(ROUGHLY, "at ").replace(ISH, "at $1");
}

function stripCourtesy(text: string): string {
  let current = text;
  for (;;) {
    const next = current
      .replace(INTERJECTION, "")
      .replace(REQUEST, "")
      .replace(/^(\w+ing)\b/i, (word) => GERUNDS[word.toLowerCase()] ?? word)
      .trim();
    if (next === current) return current;
    current = next;
  }
}

// "urgent: call the bank" is a note-style add, and the label is its priority.
const LABELLED = /^(urgent|important|asap|high priority|low priority)\s*[:!-]+\s*/i;

function expandLabel(text: string): string {
  const m = LABELLED.exec(text);
  return m?.[1] ? `add ${m[1]} task: ${text.slice(m[0].length)}` : text;
}

function expandNeedTo(text: string): string {
  const match = NEED_TO.exec(text);
  if (!match) return text;
  const rest = text.slice(match[0].length);
  const verb = rest.split(/\s/)[0]?.toLowerCase() ?? "";
  return COMMAND_VERBS.includes(verb) ? rest : `add ${rest}`;
}

/**
 * Cleans a message for the grammar: quoted phrases protected, curly quotes straightened, filler
 * and courtesy ("hey", "could you", "pls", "thanks") dropped, common misspellings fixed.
 * Example: `Could you pls add “call mom”!` → `add ‹0›` with quotes `["call mom"]`.
 */
export function normalizeMessage(message: string): Protected {
  const { text, quotes } = protectQuotes(
    message
      .replace(/^\s*[✅✔☑✓]\uFE0F?\s*/u, "done ")
      .replace(/\s+/g, " ")
      .trim(),
  );
  let clean = approximateTimes(normalizeMeridiem(expandShorthands(fixTypos(text))));
  clean = clean.replace(THANKS, "").replace(POLITENESS, "").replace(/\s+/g, " ");
  clean = stripCourtesy(clean.replace(/^[\s,.!]+/, "")).replace(/[\s.!?…,;]+$/, "");
  clean = expandLabel(expandNeedTo(stripCourtesy(clean)));
  return { text: clean.trim(), quotes };
}
