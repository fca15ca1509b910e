import type { UserRow } from "../db/schema.ts";
import type { TaskPort } from "../tasks/task-service.ts";
import type { TaskView } from "../tasks/task-view.ts";
import type { TargetedIntent } from "./chat-types.ts";
import { editDistance } from "./interpreter/words/fuzzy.ts";

export type FindResult =
  | { kind: "found"; task: TaskView }
  | { kind: "none" }
  | { kind: "several"; tasks: TaskView[] };

const FILLER = new Set(["the", "a", "an", "my", "our"]);
// A chat names one of the user's tasks; more than this many is a list, not a reference.
const SCAN_LIMIT = 500;

/** "The 'Call Mom'!" → "call mom": lowercase, no quotes or punctuation, no articles. */
export function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .replace(/['"‘’“”`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((word) => word && !FILLER.has(word))
    .join(" ");
}

// Words that stand for "the task" in "the plants thing" and name nothing themselves.
const VAGUE = new Set(["thing", "things", "stuff", "task", "tasks", "todo", "item", "one"]);

/** A word without its ending, so "paying" meets "pay", "plants" "plant", "notes" "note". */
function stem(word: string): string {
  const bare = word.length > 4 ? word.replace(/(?:ing|ed|es|s)$/, "") : word;
  return bare.replace(/e$/, "").replace(/([b-df-hj-np-tv-z])\1$/, "$1");
}

// Every word said (bar vague ones) is, in some form, a word of the title.
function sameWordsInAnyForm(title: string, wanted: string): boolean {
  const words = wanted.split(" ").filter((word) => !VAGUE.has(word));
  const titleStems = new Set(title.split(" ").map(stem));
  return words.length > 0 && words.every((word) => titleStems.has(stem(word)));
}

// Two typos in "dentist appointment" are a typo; two in "gym" are another word.
const typoAllowance = (text: string) => (text.length <= 3 ? 0 : text.length <= 7 ? 1 : 2);

/**
 * The tasks a title names, best tier first: the same title (tier 0), then a title containing the
 * words or contained in them (1), then a title within a couple of typos (2), then a title holding
 * every word said in some form ("paying rent" for "pay rent", "the plants thing") (3). Tier 4: no match.
 */
function matchTitleTier(tasks: TaskView[], text: string): { tier: number; tasks: TaskView[] } {
  const wanted = normalizeTitle(text);
  if (!wanted) return { tier: 4, tasks: [] };
  const titled = tasks.map((task) => ({ task, title: normalizeTitle(task.title) })).filter((t) => t.title);
  const tiers = [
    (title: string) => title === wanted,
    (title: string) => ` ${title} `.includes(` ${wanted} `) || ` ${wanted} `.includes(` ${title} `),
    (title: string) => editDistance(title, wanted) <= typoAllowance(wanted),
    (title: string) => sameWordsInAnyForm(title, wanted),
  ];
  for (const [tier, matches] of tiers.entries()) {
    const found = titled.filter((t) => matches(t.title)).map((t) => t.task);
    if (found.length > 0) return { tier, tasks: found };
  }
  return { tier: 4, tasks: [] };
}

/**
 * Which reading of "rename X to Y" names a task best, when the words hold several "to"s
 * ("rename go to gym to gym session"): the one whose X matches a task most closely, the
 * shortest X among equals.
 */
export function bestRenameSplit<T extends { target: { kind: string; text?: string } }>(
  tasks: TaskView[],
  splits: T[],
): T {
  const tierOf = (split: T) =>
    split.target.kind === "title" ? matchTitleTier(tasks, split.target.text ?? "").tier : 4;
  return splits.reduce((best, split) => (tierOf(split) < tierOf(best) ? split : best));
}

// The instances of one series share a title; they are one task to the user, and the one meant
// is the pending instance (else the newest). Tasks arrive newest first.
function onePerSeries(tasks: TaskView[]): TaskView[] {
  const bySeries = new Map<string, TaskView>();
  const result: TaskView[] = [];
  for (const task of tasks) {
    if (!task.series_id) {
      result.push(task);
      continue;
    }
    const seen = bySeries.get(task.series_id);
    if (!seen) {
      bySeries.set(task.series_id, task);
      result.push(task);
    } else if (seen.status !== "pending" && task.status === "pending") {
      bySeries.set(task.series_id, task);
      result[result.indexOf(seen)] = task;
    }
  }
  return result;
}

/** Which tasks fit the request best: a reminder to cancel, a series to stop, a pending task to complete. */
function suits(intent: TargetedIntent): (task: TaskView) => boolean {
  switch (intent.type) {
    case "reopen":
      return (task) => task.status === "completed";
    case "cancel_reminder":
      // A series reminds at each occurrence: "cancel my gym reminder" may mean it.
      return (task) => task.reminder_time !== null || task.recurrence_rule?.active === true;
    case "cancel_recurrence": {
      const frequency = intent.frequency;
      return (task) =>
        task.recurrence_rule?.active === true && (!frequency || task.recurrence_rule.frequency === frequency);
    }
    default:
      return (task) => task.status === "pending";
  }
}

/** The tasks a title may name, newest first. */
export async function tasksToMatch(tasks: Pick<TaskPort, "search">, user: UserRow): Promise<TaskView[]> {
  return (await tasks.search(user, { sort: "created", order: "desc", limit: SCAN_LIMIT })).items;
}

/** Finds the one task among `tasks` (newest first) a title names, preferring those the intent can act on. */
export function findTaskByTitle(tasks: TaskView[], intent: TargetedIntent, text: string): FindResult {
  const matches = onePerSeries(matchTitleTier(tasks, text).tasks);
  const suitable = matches.filter(suits(intent));
  const chosen = suitable.length > 0 ? suitable : matches;
  if (chosen.length === 0) return { kind: "none" };
  if (chosen.length === 1) return { kind: "found", task: chosen[0]! };
  // Asked in date order, undated last, then oldest first: "the first one" is the first listed.
  const byDue = (t: TaskView) => `${t.due_at ?? t.due_date ?? "9999"} ${t.created_at}`;
  return { kind: "several", tasks: [...chosen].sort((a, b) => byDue(a).localeCompare(byDue(b))) };
}
