import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import { NotFound } from "@todo/service-kit";
import { conversations, type UserRow } from "../../db/schema.ts";
import type { Pending } from "../chat-types.ts";
import { lastUndoable } from "../undo/undo-steps.ts";
import { RECENT_TURNS, type ChatTurn, type ConversationStore } from "./conversation-store.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const conversationNotFound = (id: string) => new NotFound(`no conversation with id ${id}`);

/** Conversations in the backend's own `conversations` table (the default). */
export function databaseConversationStore(db: Db): ConversationStore {
  async function find(user: UserRow, id: string) {
    // Another user's conversation is as absent as one that never existed.
    if (!UUID.test(id)) return undefined;
    const [row] = await db.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.userId, user.id)));
    return row;
  }
  return {
    async open(user, id) {
      if (id === undefined) return { id: Bun.randomUUIDv7(), isNew: true, lastTaskId: null, pending: null, recent: [] };
      const row = await find(user, id);
      if (!row) throw conversationNotFound(id);
      const turns = row.turns as ChatTurn[];
      return { id: row.id, isNew: false, lastTaskId: row.lastTaskId, pending: (row.pending as Pending | null) ?? null, recent: turns.slice(-RECENT_TURNS), undoable: lastUndoable(turns) };
    },
    async record(user, state, turn, next, now) {
      if (state.isNew) {
        await db.insert(conversations).values({ id: state.id, userId: user.id, turns: [turn], lastTaskId: next.lastTaskId, pending: next.pending, createdAt: now, updatedAt: now });
        return;
      }
      // Appending in SQL keeps both turns when two messages of one conversation arrive at once.
      await db
        .update(conversations)
        .set({ turns: sql`${conversations.turns} || ${JSON.stringify([turn])}::jsonb`, lastTaskId: next.lastTaskId, pending: next.pending, updatedAt: now })
        .where(and(eq(conversations.id, state.id), eq(conversations.userId, user.id)));
    },
    async get(user, id) {
      const row = await find(user, id);
      if (!row) throw conversationNotFound(id);
      return { id: row.id, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString(), turns: row.turns as ChatTurn[] };
    },
    async latest(user, turns) {
      // conversations_user_idx (user_id, updated_at) answers this; ids are UUIDv7, so a tie goes to the newer one.
      const [row] = await db.select().from(conversations).where(eq(conversations.userId, user.id)).orderBy(desc(conversations.updatedAt), desc(conversations.id)).limit(1);
      if (!row) return undefined;
      return { id: row.id, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString(), turns: (row.turns as ChatTurn[]).slice(-turns) };
    },
  };
}
