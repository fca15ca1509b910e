import type { UserRow } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import type { UndoRecord } from "./undo/undo-steps.ts";

/** Who is talking, when, and what the conversation last talked about. */
export interface ExecContext {
  deps: Pick<Deps, "database" | "clock">;
  user: UserRow;
  now: Date;
  zone: string;
  lastTaskId: string | null;
  /** The conversation's latest change not undone yet, for "undo". */
  undoable?: UndoRecord;
}
