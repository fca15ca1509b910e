import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import { NotFound } from "@todo/service-kit";
import { conversations, type ConversationRow, type UserRow } from "../../db/schema.ts";
import { UUID } from "../../tasks/task-store.ts";
import type { Pending } from "../chat-types.ts";
import { lastUndoable } from "../undo/undo-steps.ts";
import {
  RECENT_TURNS,
  type ChatTurn,
  type ConversationStore,
  type ConversationView,
} from "./conversation-store.ts";

export const conversationNotFound = (id: string) => new NotFound(`no conversation with id ${id}`);

// A stored conversation as the API shows it, with its last `turns` turns when given.
function viewOf(row: ConversationRow, turns?: number): ConversationView {
  const all = row.turns as ChatTurn[];
  return {
    id: row.id,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    turns: turns === undefined ? all : all.slice(-turns),
  };
}

/** Conversations in the backend's own `conversations` table (the default). */
export function databaseConversationStore(db: Db): ConversationStore {
  async function find(user: UserRow, id: string) {
    // Another user's conversation is as absent as one that never existed.
    if (!UUID.test(id)) return undefined;
    const [row] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.userId, user.id)));
    return row;
  }
  return {
    async open(user, id) {
      if (id === undefined)
        return { id: Bun.randomUUIDv7(), isNew: true, lastTaskId: null, pending: null, recent: [] };
      const row = await find(user, id);
      if (!row) throw conversationNotFound(id);
      const turns = row.turns as ChatTurn[];
      return {
        id: row.id,
        isNew: false,
        lastTaskId: row.lastTaskId,
        pending: (row.pending as Pending | null) ?? null,
        recent: turns.slice(-RECENT_TURNS),
        undoable: lastUndoable(turns),
      };
    },
    async record(user, state, turn, next, now) {
      if (state.isNew) {
        await db.insert(conversations).values({
          id: state.id,
          userId: user.id,
          turns: [turn],
          lastTaskId: next.lastTaskId,
          pending: next.pending,
          createdAt: now,
          updatedAt: now,
        });
        return;
      }
      // Appending in SQL keeps both turns when two messages of one conversation arrive at once.
      await db
        .update(conversations)
        .set({
          turns: sql`${conversations.turns} || ${JSON.stringify([turn])}::jsonb`,
          lastTaskId: next.lastTaskId,
          pending: next.pending,
          updatedAt: now,
        })
        .where(and(eq(conversations.id, state.id), eq(conversations.userId, user.id)));
    },
    async get(user, id) {
      const row = await find(user, id);
      if (!row) throw conversationNotFound(id);
      return viewOf(row);
    },
    async latest(user, turns) {
      // conversations_user_idx (user_id, updated_at) answers this; ids are UUIDv7, so a tie goes to the newer one.
      const [row] = await db
        .select()
        .from(conversations)
        .where(eq(conversations.userId, user.id))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(1);
      return row && viewOf(row, turns);
    },
  };
}
