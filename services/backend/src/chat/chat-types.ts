import type { ChatAction, ChatActionType } from "@todo/schemas/api";
import type { TaskView } from "../tasks/task-view.ts";
import type { Intent, Resume } from "./interpreter/intent.ts";
import type { UndoStep } from "./undo/undo-steps.ts";

export type { ChatAction, ChatActionType as ActionType };

/** An intent that names one existing task. */
export type TargetedIntent = Extract<Intent, { target: unknown }>;

/** A task offered in a "Which one" question. */
export interface Candidate {
  id: string;
  title: string;
  due_date: string | null;
  status: TaskView["status"];
  /** What tells two same-titled tasks apart: "every Monday at 9 AM", "high priority", "tags: work", "added yesterday". */
  extra?: string[];
}

/**
 * What the next message may answer: a "Which one?" question, the offer to list all tasks, or
 * any other question the bot asked, with how its answer completes the request (`resume`).
 */
export type Pending =
  | { kind: "which"; intent: TargetedIntent; candidates: Candidate[] }
  | { kind: "offer_all" }
  | { kind: "confirm"; question: string; intent: Intent }
  | { kind: "question"; question: string; resume: Resume };

/** What one turn produced. `lastTaskId` undefined keeps the conversation's current one. */
export interface TurnOutcome {
  reply: string;
  tasks?: TaskView[];
  actions: ChatAction[];
  lastTaskId?: string | null;
  pending?: Pending;
  /** How to reverse what this turn changed ("undo"). */
  undo?: UndoStep[];
  /** The id of the earlier turn's changes this turn reversed. */
  undid?: string;
}
