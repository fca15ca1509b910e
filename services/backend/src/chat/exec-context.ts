import type { UserRow } from "../db/schema.ts";
import type { TaskPort } from "../tasks/task-service.ts";
import type { UndoRecord } from "./undo/undo-steps.ts";

/** Who is talking, when, and what the conversation last talked about. */
export interface ExecContext {
  /** The only way the chat reads or changes tasks: no database here. */
  tasks: TaskPort;
  user: UserRow;
  now: Date;
  zone: string;
  lastTaskId: string | null;
  /** The conversation's latest change not undone yet, for "undo". */
  undoable?: UndoRecord;
}
