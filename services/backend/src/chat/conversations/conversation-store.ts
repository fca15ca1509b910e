import type { UserRow } from "../../db/schema.ts";
import type { ChatTurn as ChatTurnView } from "@todo/schemas/api";
import type { Pending } from "../chat-types.ts";
import type { UndoCandidate, UndoRecord } from "../undo/undo-steps.ts";

/** One exchange as stored and as `GET /api/conversations/:id` shows it. */
export interface ChatTurn extends ChatTurnView {
  /** How to reverse this turn's changes, for a later "undo". */
  undo?: UndoRecord;
  /** The `undo.id` of the turn this one reversed. */
  undid?: string;
}

/** What the next message of a conversation may refer to. */
export interface ConversationContext {
  lastTaskId: string | null;
  pending: Pending | null;
}

/** How many of the latest turns a turn opens with: what a language model is shown as the conversation so far. */
export const RECENT_TURNS = 6;

/**
 * A conversation as a turn opens it, with its last few turns (oldest first) and the latest
 * change not undone yet, found among all its turns (lastUndoable), however far back it is.
 */
export interface ConversationState extends ConversationContext {
  id: string;
  isNew: boolean;
  recent: ChatTurn[];
  undoable?: UndoCandidate;
}

export interface ConversationView {
  id: string;
  created_at: string;
  updated_at: string;
  turns: ChatTurn[];
}

/**
 * Where conversations live: the backend's database (default) or the Dapr state store. Every
 * method is scoped by user: another user's conversation is as absent as one that never existed
 * (NotFound).
 */
export interface ConversationStore {
  /** The conversation a message continues (NotFound when unknown), or a new one when `id` is undefined. */
  open(user: UserRow, id: string | undefined): Promise<ConversationState>;
  /** Appends a turn; two turns of one conversation recorded at once both stay. */
  record(
    user: UserRow,
    state: ConversationState,
    turn: ChatTurn,
    next: ConversationContext,
    now: Date,
  ): Promise<void>;
  get(user: UserRow, id: string): Promise<ConversationView>;
  /** The conversation a turn was last recorded in, with its last `turns` turns (oldest first); undefined before the first. */
  latest(user: UserRow, turns: number): Promise<ConversationView | undefined>;
}

/** The turns as the user sees them: what "undo" keeps (earlier task states) stays inside. */
export function publicView(view: ConversationView): ConversationView {
  return { ...view, turns: view.turns.map(({ undo: _undo, undid: _undid, ...turn }) => turn) };
}
