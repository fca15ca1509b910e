import { RESTORE_WINDOW_MS } from "../../tasks/deleted-task-store.ts";
import type { TaskView } from "../../tasks/task-view.ts";
import type { ChatTurn } from "../conversations/conversation-store.ts";

/**
 * What it takes to reverse one change the chat made, kept with the turn that made it: a new
 * task is deleted again, a changed one gets its earlier fields back, a deleted one is restored
 * (the task service keeps deleted tasks for a day).
 */
export type UndoStep =
  | { kind: "created"; task_id: string }
  | { kind: "updated"; before: TaskView }
  | { kind: "deleted"; task_id: string; title: string };

/** A turn's changes as one undoable unit; `id` lets a later "undo" turn say which it reversed. */
export interface UndoRecord {
  id: string;
  steps: UndoStep[];
}

/** An undoable record with the time of the turn that made it. */
export type UndoCandidate = UndoRecord & { made_at: string };

/**
 * The latest turn among `turns` (all of the conversation, oldest first) whose changes have not
 * been undone yet: "undo" again and again walks back through every change, newest first.
 */
export function lastUndoable(turns: ChatTurn[]): UndoCandidate | undefined {
  const undone = new Set(turns.flatMap((turn) => (turn.undid ? [turn.undid] : [])));
  for (const turn of [...turns].reverse()) {
    if (turn.undo && !undone.has(turn.undo.id)) return { ...turn.undo, made_at: turn.at };
  }
  return undefined;
}

/**
 * The candidate, when it is still within the restore window: a deleted task can be brought back
 * for a day (RESTORE_WINDOW_MS), so every kind of change is undoable for that long and no
 * longer. Turns are in time order, so when the latest is too old, every earlier one is too.
 */
export function undoableAt(candidate: UndoCandidate | undefined, now: Date): UndoRecord | undefined {
  if (!candidate || now.getTime() - new Date(candidate.made_at).getTime() > RESTORE_WINDOW_MS)
    return undefined;
  const { made_at: _madeAt, ...record } = candidate;
  return record;
}
