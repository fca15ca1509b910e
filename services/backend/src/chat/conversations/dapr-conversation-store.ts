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

class StateStoreError extends Error {}

// A stored conversation as the API shows it, with its last `turns` turns when given.
function viewOf(stored: StoredConversation, turns?: number): ConversationView {
  return {
    id: stored.id,
    created_at: stored.created_at,
    updated_at: stored.updated_at,
    turns: turns === undefined ? stored.turns : stored.turns.slice(-turns),
  };
}

/**
 * Conversations in the Dapr state store (`CONVERSATION_STORE=dapr`), through the sidecar's state
 * API over plain HTTP: `GET /v1.0/state/<store>/<key>` (the value and its `ETag` header) and
 * `POST /v1.0/state/<store>` with `[{key, value, etag, options: {concurrency: "first-write"}}]`.
 * The key holds the user id, so another user's conversation is simply not there. Each turn is a
 * read-modify-write guarded by the ETag read with it (first-write concurrency); a conflict reads
 * again and appends again, so two turns stored at once both stay. `conversation-latest-<user>`
 * names the conversation the user's last turn went to (`GET /api/conversations/latest`).
 */
export function daprConversationStore(options: DaprConversationOptions): ConversationStore {
  const base = `${options.sidecarUrl.replace(/\/$/, "")}/v1.0/state/${encodeURIComponent(options.storeName)}`;
  const timeout = options.timeoutMs ?? 5_000;
  const keyOf = (user: UserRow, id: string) => `conversation-${user.id}-${id}`;
  // The state API has no query by owner, so each turn also points this key at its conversation.
  const latestKeyOf = (user: UserRow) => `conversation-latest-${user.id}`;

  async function read<T = StoredConversation>(key: string): Promise<{ value: T; etag: string } | undefined> {
    const response = await fetch(`${base}/${encodeURIComponent(key)}?consistency=strong`, {
      signal: AbortSignal.timeout(timeout),
    });
    if (response.status === 204 || response.status === 404) return undefined;
    if (!response.ok)
      throw new StateStoreError(`Dapr state store read failed: ${response.status} ${await response.text()}`);
    const etag = response.headers.get("etag");
    if (!etag)
      throw new StateStoreError(
        "Dapr state store answered without an ETag; first-write concurrency needs one",
      );
    return { value: (await response.json()) as T, etag };
  }

  /** True when written; false when the ETag no longer matches (someone wrote in between). */
  async function write(
    key: string,
    value: unknown,
    etag: string | undefined,
    concurrency = "first-write",
  ): Promise<boolean> {
    const item = { key, value, ...(etag ? { etag } : {}), options: { concurrency, consistency: "strong" } };
    const response = await fetch(base, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([item]),
      signal: AbortSignal.timeout(timeout),
    });
    if (response.ok) return true;
    const text = await response.text();
    // Dapr answers an ETag mismatch with 409 (ERR_STATE_SAVE … etag mismatch).
    if (response.status === 409 || /etag/i.test(text)) return false;
    throw new StateStoreError(`Dapr state store write failed: ${response.status} ${text}`);
  }

  async function find(user: UserRow, id: string) {
    return ID.test(id) ? read(keyOf(user, id)) : undefined;
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

  async function recordTurn(
    user: UserRow,
    state: ConversationState,
    turn: ChatTurn,
    next: ConversationContext,
    now: Date,
  ) {
    const key = keyOf(user, state.id);
    if (state.isNew) {
      const fresh: StoredConversation = {
        id: state.id,
        user_id: user.id,
        turns: [],
        last_task_id: null,
        pending: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      if (await write(key, appended(fresh, turn, next, now), undefined)) return;
    }
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const current = await read(key);
      if (!current) throw conversationNotFound(state.id);
      if (await write(key, appended(current.value, turn, next, now), current.etag)) return;
    }
    throw new StateStoreError(
      `Dapr state store: conversation ${state.id} kept changing; ${MAX_CONFLICTS} writes lost the ETag race`,
    );
  }

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
    async record(user, state, turn, next, now) {
      await recordTurn(user, state, turn, next, now);
      // Last write wins: two devices writing at once both point at a conversation just written to.
      await write(latestKeyOf(user), { id: state.id }, undefined, "last-write");
    },
    async get(user, id): Promise<ConversationView> {
      const found = await find(user, id);
      if (!found) throw conversationNotFound(id);
      return viewOf(found.value);
    },
    async latest(user, turns) {
      const pointer = await read<{ id: string }>(latestKeyOf(user));
      const found = pointer && (await find(user, pointer.value.id));
      return found ? viewOf(found.value, turns) : undefined;
    },
  };
}
