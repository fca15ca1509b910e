import type { Priority, TaskFrequency, TaskStatus } from "@todo/schemas";

/**
 * What one chat message asks for, as plain data. The interpreter only decides this; executing
 * it (finding the task, writing it, replying) happens elsewhere.
 */

export type { Priority };

/**
 * A task named by (part of) its title, by "it" / "that one" for the task last talked about, or by
 * its id once the user picked it from a "Which one" question.
 */
export type TaskRef = { kind: "title"; text: string } | { kind: "pronoun" } | { kind: "id"; id: string };

/** A due date in the user's zone; `time` only when the user gave one. */
/**
 * A due date in the user's zone; `time` only when the user gave one. `keep_date`: only a time was
 * said ("move it to 5pm"), so a task that has a date keeps it and `date` is used only otherwise;
 * `keep_time`: only a day was said ("actually make it friday"), so a task with a time keeps it.
 */
export type Due = {
  date: string /* YYYY-MM-DD */;
  time?: string /* HH:mm */;
  keep_date?: boolean;
  keep_time?: boolean;
};

/**
 * What `normalizeRecurrence({rrule, dtstart, count, until}, zone, now)` takes. The rule carries
 * BYHOUR/BYMINUTE only when the user named a time; `until` is an ISO instant (end of the named day).
 */
export type Recurrence = {
  rrule: string;
  dtstart?: string /* local wall time */;
  count?: number;
  until?: string;
};

/** The API's list parameters; dates are `YYYY-MM-DD`, inclusive, in the user's zone. */
export type Filters = {
  status?: TaskStatus;
  priority?: Priority[];
  tags?: string[];
  q?: string;
  due_from?: string;
  due_to?: string;
  completed_from?: string;
  completed_to?: string;
  sort?: "due" | "priority" | "created"; // "sorted by priority"; the API's sort parameter
  limit?: number; // "what's next?": the first few only
  priority_word?: string; // "urgent": read as the tag instead when the user has a tag of that name
};

export type ClarifyTopic = "schedule" | "time" | "title" | "unknown";

export type AddIntent = {
  type: "add";
  title: string;
  description?: string;
  priority?: Priority;
  tags?: string[];
  due?: Due;
  reminder_at?: string; // ISO instant
  recurrence?: Recurrence;
  remind_each_time?: boolean; // "every Friday … remind me to …": a reminder at each occurrence
  start_said?: boolean; // "… starting March 1": the reply says when the series starts
  priority_word?: string; // "urgent": read as the tag instead when the user has a tag of that name
};

// `readings`: other ways to split an unquoted "rename X to Y" whose words hold several "to"s;
// the executor takes the one whose X names an existing task.
export type RenameIntent = {
  type: "rename";
  target: TaskRef;
  title: string;
  readings?: Array<{ target: TaskRef; title: string }>;
};

/**
 * How the answer to a question completes the request the question interrupted, so that the next
 * message finishes it instead of starting over ("add team sync every second Tuesday at 10" →
 * "which?" → "every other Tuesday" keeps the title and the time).
 * - `reread`: the request's words are read again with the answer in place of `phrase` (the
 *   schedule or time that could not be used), or after them when nothing was said; `options` are
 *   the schedules a choice question offered, in order, so "the first" or "monthly" picks one.
 *   `text` is the whole request, filled in by `interpret` (grammars see only part of it).
 * - `title`: the request lacks only the new task's name (or the new name of a rename).
 * - `target`: the request lacks only which task it is about ("delete everything").
 * - `confirm`: a yes/no offer; "yes" reads `text`.
 * - `split`: one message read two ways ("add review and complete the report"): "both" carries
 *   out `parts` in order, "one" the `whole` reading.
 */
export type Resume =
  | { kind: "reread"; expects: "schedule" | "time"; text?: string; phrase?: string; options?: string[] }
  | { kind: "title"; intent: AddIntent | RenameIntent }
  | { kind: "target"; intent: "complete" | "reopen" | "delete" }
  | { kind: "confirm"; text: string }
  | { kind: "split"; parts: Intent[]; whole: Intent };

export type Intent =
  | AddIntent
  | { type: "set_priority"; target: TaskRef; priority: Priority }
  | { type: "add_tags" | "remove_tags" | "set_tags"; target: TaskRef; tags: string[] }
  | RenameIntent
  | { type: "set_due"; target: TaskRef; due: Due | null }
  /** "postpone X by a week": the due date (and time) moved by that much; `minutes` a whole number of days for a date-only task */
  | { type: "shift_due"; target: TaskRef; minutes: number }
  | { type: "complete" | "reopen" | "delete" | "cancel_reminder"; target: TaskRef }
  // `frequency`: the word that named the series ("stop the weekly standup"), when the user said one.
  | { type: "cancel_recurrence"; target: TaskRef; frequency?: TaskFrequency }
  | { type: "set_reminder"; target: TaskRef; at: string /* ISO instant */ }
  | { type: "set_description"; target: TaskRef; description: string; append: boolean }
  | { type: "remind_before"; target: TaskRef; minutes: number /* before the task is due */ }
  | { type: "make_recurring"; target: TaskRef; recurrence: Recurrence }
  | {
      type: "list";
      filters: Filters;
      phrase: string /* "low-priority tasks tagged garden", for "No … found" */;
    }
  | { type: "help" }
  | { type: "undo" }
  | { type: "say"; reply: string } // an answer that changes nothing ("thanks!")
  // Several tasks at once ("delete all completed tasks"): asked about first; `ids`, once confirmed, are the ones to delete.
  | { type: "delete_many"; filters: Filters; phrase: string; ids?: string[] }
  | { type: "clarify"; question: string; about: ClarifyTopic; resume?: Resume };

/** The clock and the user's IANA zone; every date and time in the message is read in that zone. */
export type InterpretContext = { now: Date; zone: string };
