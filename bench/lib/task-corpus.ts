// One deterministic set of tasks for the search benchmarks: bench/search inserts it in SQL,
// bench/peer sends the same rows to Vikunja, so both answer over identical data.
// Shape from issue 19: titles and descriptions from a small vocabulary, a priority, 1–3 labels
// of 20, due dates spread over a year, 30% done.
import { seededRandom } from "../../scripts/testing/seeded-random.ts";

export interface CorpusTask {
  /** 0-based position; tasks are created in this order, one minute apart. */
  index: number;
  title: string;
  description: string;
  priority: "high" | "medium" | "low";
  labels: string[];
  /** YYYY-MM-DD, or null for about a quarter of the tasks. */
  dueDate: string | null;
  done: boolean;
  /** YYYY-MM-DD when done, in 2026-11 or 2026-12. */
  doneDate: string | null;
}

export const LABELS = [
  "work",
  "personal",
  "urgent",
  "home",
  "travel",
  "health",
  "finance",
  "shopping",
  "garden",
  "study",
  "family",
  "errands",
  "music",
  "sport",
  "car",
  "books",
  "kids",
  "admin",
  "ideas",
  "later",
];
const VERBS = [
  "prepare",
  "review",
  "call",
  "buy",
  "plan",
  "write",
  "fix",
  "book",
  "send",
  "clean",
  "check",
  "update",
  "organise",
  "renew",
  "pay",
  "order",
  "schedule",
  "finish",
  "draft",
  "read",
];
const OBJECTS = [
  "presentation",
  "report",
  "tickets",
  "invoice",
  "garden",
  "slides",
  "budget",
  "dentist",
  "insurance",
  "passport",
  "newsletter",
  "roadmap",
  "groceries",
  "contract",
  "website",
  "taxes",
  "birthday gift",
  "car service",
  "meeting notes",
  "quarterly review",
  "team offsite",
  "apartment lease",
  "flight",
  "library books",
  "bike repair",
];
const FILLER = [
  "for",
  "the",
  "with",
  "before",
  "after",
  "about",
  "team",
  "client",
  "next",
  "week",
  "monday",
  "friday",
  "notes",
  "ask",
  "about",
  "budget",
  "details",
  "draft",
  "final",
  "version",
  "remember",
  "to",
  "bring",
  "copies",
  "and",
  "send",
  "them",
  "early",
  "morning",
  "call",
  "back",
  "price",
  "compare",
  "options",
  "online",
  "store",
  "office",
  "home",
];

const pick = <T>(r: () => number, from: readonly T[]): T => from[Math.floor(r() * from.length)]!;

function day(base: string, offset: number): string {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

function sentence(r: () => number): string {
  const words = Array.from({ length: 4 + Math.floor(r() * 8) }, () => pick(r, FILLER));
  if (r() < 0.3) words.splice(Math.floor(r() * words.length), 0, pick(r, OBJECTS));
  return words.join(" ");
}

/** Task `index` of the corpus; the same index always gives the same task. */
export function corpusTask(index: number): CorpusTask {
  const r = seededRandom(index * 7919 + 1);
  const title = `${pick(r, VERBS)} ${pick(r, OBJECTS)}${r() < 0.3 ? ` ${pick(r, FILLER)} ${pick(r, OBJECTS)}` : ""}`;
  const sentences = r() < 0.4 ? 0 : 1 + Math.floor(r() * 3);
  const description = Array.from({ length: sentences }, () => sentence(r)).join(". ");
  const priority = pick(r, ["high", "medium", "medium", "low", "low"] as const);
  const labelCount = 1 + Math.floor(r() * 3);
  const labels = [...new Set(Array.from({ length: labelCount }, () => pick(r, LABELS)))];
  const dueDate = r() < 0.25 ? null : day("2026-06-01", Math.floor(r() * 365));
  const done = r() < 0.3;
  return {
    index,
    title,
    description,
    priority,
    labels,
    dueDate,
    done,
    doneDate: done ? day("2026-11-01", Math.floor(r() * 60)) : null,
  };
}

/** The first `count` tasks of the corpus. */
export function corpus(count: number): CorpusTask[] {
  return Array.from({ length: count }, (_, i) => corpusTask(i));
}
