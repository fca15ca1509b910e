import type { TaskView } from "../../tasks/task-view.ts";
import type { ChatTurn } from "../conversations/conversation-store.ts";

/**
 * What it takes to reverse one change the chat made, kept with the turn that made it: a new
 * task is deleted again, a changed one gets its earlier fields back, a deleted one is restored
 * (the task service keeps deleted tasks for a day).
 */
export type UndoStep = { kind: "created"; task_id: string } | { kind: "updated"; before: TaskView } | { kind: "deleted"; task_id: string; title: string };

/** A turn's changes as one undoable unit; `id` lets a later "undo" turn say which it reversed. */
export interface UndoRecord {
  id: string;
  steps: UndoStep[];
}

/**
 * The latest turn among `turns` (oldest first) whose changes have not been undone yet: "undo"
 * twice reverses the last two changes, newest first.
 */
export function lastUndoable(turns: ChatTurn[]): UndoRecord | undefined {
  const undone = new Set(turns.flatMap((turn) => (turn.undid ? [turn.undid] : [])));
  for (const turn of [...turns].reverse()) {
    if (turn.undo && !undone.has(turn.undo.id)) return turn.undo;
  }
  return undefined;
}
