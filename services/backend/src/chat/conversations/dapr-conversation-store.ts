import type { UserRow } from "../../db/schema.ts";
import type { Pending } from "../chat-types.ts";
import { lastUndoable } from "../undo/undo-steps.ts";
import {
  RECENT_TURNS,
  type ChatTurn,
  type ConversationContext,
  type ConversationState,
  type ConversationStore,
  type ConversationView,
} from "./conversation-store.ts";
import { type DaprStateClient, daprStateClient, StateStoreError } from "./dapr-state-client.ts";
import { conversationNotFound } from "./database-conversation-store.ts";

/** How one conversation is stored under one key of the Dapr state store. */
interface StoredConversation {
  id: string;
  user_id: string;
  turns: ChatTurn[];
  last_task_id: string | null;
  pending: Pending | null;
  created_at: string;
  updated_at: string;
}

export interface DaprConversationOptions {
  /** Base URL of the sidecar, e.g. `http://127.0.0.1:3500`. */
  sidecarUrl: string;
  /** The state store component, `statestore` by default. */
  storeName: string;
  /** Bound on each call to the sidecar. */
  timeoutMs?: number;
}

// An ETag conflict means another turn of the same conversation was stored in between; reading
// again and appending again keeps both. More than a few in a row is no longer a race.
const MAX_CONFLICTS = 5;
const ID = /^[0-9a-zA-Z-]{1,100}$/;

// A stored conversation as the API shows it, with its last `turns` turns when given.
function viewOf(stored: StoredConversation, turns?: number): ConversationView {
  return {
    id: stored.id,
    created_at: stored.created_at,
    updated_at: stored.updated_at,
    turns: turns === undefined ? stored.turns : stored.turns.slice(-turns),
  };
}

function appended(
  stored: StoredConversation,
  turn: ChatTurn,
  next: ConversationContext,
  now: Date,
): StoredConversation {
  return {
    ...stored,
    turns: [...stored.turns, turn],
    last_task_id: next.lastTaskId,
    pending: next.pending,
    updated_at: now.toISOString(),
  };
}

const freshConversation = (id: string, user: UserRow, now: Date): StoredConversation => ({
  id,
  user_id: user.id,
  turns: [],
  last_task_id: null,
  pending: null,
  created_at: now.toISOString(),
  updated_at: now.toISOString(),
});

/**
 * Appends a turn under `key` as a read-modify-write guarded by the ETag read with it; a conflict
 * reads again and appends again, so two turns stored at once both stay.
 */
async function appendTurn(
  state: DaprStateClient,
  key: string,
  conversation: ConversationState,
  append: (stored: StoredConversation) => StoredConversation,
  fresh: StoredConversation,
): Promise<void> {
  if (conversation.isNew && (await state.write(key, append(fresh), undefined))) return;
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const current = await state.read<StoredConversation>(key);
    if (!current) throw conversationNotFound(conversation.id);
    if (await state.write(key, append(current.value), current.etag)) return;
  }
  throw new StateStoreError(
    `Dapr state store: conversation ${conversation.id} kept changing; ${MAX_CONFLICTS} writes lost the ETag race`,
  );
}

/**
 * Conversations in the Dapr state store (`CONVERSATION_STORE=dapr`), through the sidecar's state
 * API (`daprStateClient`). The key holds the user id, so another user's conversation is simply
 * not there. Each turn is appended under first-write concurrency (`appendTurn`).
 * `conversation-latest-<user>` names the conversation the user's last turn went to
 * (`GET /api/conversations/latest`).
 */
export function daprConversationStore(options: DaprConversationOptions): ConversationStore {
  const state = daprStateClient(options);
  const keyOf = (user: UserRow, id: string) => `conversation-${user.id}-${id}`;
  // The state API has no query by owner, so each turn also points this key at its conversation.
  const latestKeyOf = (user: UserRow) => `conversation-latest-${user.id}`;
  const find = async (user: UserRow, id: string) =>
    ID.test(id) ? state.read<StoredConversation>(keyOf(user, id)) : undefined;

  return {
    async open(user, id): Promise<ConversationState> {
      if (id === undefined)
        return { id: Bun.randomUUIDv7(), isNew: true, lastTaskId: null, pending: null, recent: [] };
      const found = await find(user, id);
      if (!found) throw conversationNotFound(id);
      const { turns } = found.value;
      return {
        id,
        isNew: false,
        lastTaskId: found.value.last_task_id,
        pending: found.value.pending,
        recent: turns.slice(-RECENT_TURNS),
        undoable: lastUndoable(turns),
      };
    },
    async record(user, conversation, turn, next, now) {
      const append = (stored: StoredConversation) => appended(stored, turn, next, now);
      const fresh = freshConversation(conversation.id, user, now);
      await appendTurn(state, keyOf(user, conversation.id), conversation, append, fresh);
      // Last write wins: two devices writing at once both point at a conversation just written to.
      await state.write(latestKeyOf(user), { id: conversation.id }, undefined, "last-write");
    },
    async get(user, id): Promise<ConversationView> {
      const found = await find(user, id);
      if (!found) throw conversationNotFound(id);
      return viewOf(found.value);
    },
    async latest(user, turns) {
      const pointer = await state.read<{ id: string }>(latestKeyOf(user));
      const found = pointer && (await find(user, pointer.value.id));
      return found ? viewOf(found.value, turns) : undefined;
    },
  };
}
