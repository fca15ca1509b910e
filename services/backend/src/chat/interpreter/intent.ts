/**
 * What one chat message asks for, as plain data. The interpreter only decides this; executing
 * it (finding the task, writing it, replying) happens elsewhere.
 */

export type Priority = "high" | "medium" | "low";

/** A task named by (part of) its title, or by "it" / "that one" for the task last talked about. */
export type TaskRef = { kind: "title"; text: string } | { kind: "pronoun" };

/** A due date in the user's zone; `time` only when the user gave one. */
export type Due = { date: string /* YYYY-MM-DD */; time?: string /* HH:mm */ };

/**
 * What `normalizeRecurrence({rrule, dtstart, count, until}, zone, now)` takes. The rule carries
 * BYHOUR/BYMINUTE only when the user named a time; `until` is an ISO instant (end of the named day).
 */
export type Recurrence = { rrule: string; dtstart?: string /* local wall time */; count?: number; until?: string };

/** The API's list parameters; dates are `YYYY-MM-DD`, inclusive, in the user's zone. */
export type Filters = {
  status?: "pending" | "completed" | "cancelled";
  priority?: Priority[];
  tags?: string[];
  q?: string;
  due_from?: string;
  due_to?: string;
  completed_from?: string;
  completed_to?: string;
  sort?: "due" | "priority" | "created"; // "sorted by priority"; the API's sort parameter
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
};

export type Intent =
  | AddIntent
  | { type: "set_priority"; target: TaskRef; priority: Priority }
  | { type: "add_tags" | "remove_tags" | "set_tags"; target: TaskRef; tags: string[] }
  // `readings`: other ways to split an unquoted "rename X to Y" whose words hold several "to"s;
  // the executor takes the one whose X names an existing task.
  | { type: "rename"; target: TaskRef; title: string; readings?: Array<{ target: TaskRef; title: string }> }
  | { type: "set_due"; target: TaskRef; due: Due | null }
  | { type: "complete" | "reopen" | "delete" | "cancel_reminder" | "cancel_recurrence"; target: TaskRef }
  | { type: "set_reminder"; target: TaskRef; at: string /* ISO instant */ }
  | { type: "make_recurring"; target: TaskRef; recurrence: Recurrence }
  | { type: "list"; filters: Filters; phrase: string /* "low-priority tasks tagged garden", for "No … found" */ }
  | { type: "help" }
  | { type: "clarify"; question: string; about: ClarifyTopic };

export type IntentType = Intent["type"];

/** The clock and the user's IANA zone; every date and time in the message is read in that zone. */
export type InterpretContext = { now: Date; zone: string };
