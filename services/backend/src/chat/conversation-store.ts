import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@todo/outbox/db";
import { NotFound } from "@todo/outbox/runtime";
import { conversations, type UserRow } from "../db/schema.ts";
import type { ChatAction, Pending } from "./chat-types.ts";

/** One exchange as stored and as `GET /api/conversations/:id` shows it. */
export interface ChatTurn {
  message: string;
  reply: string;
  actions: ChatAction[];
  task_ids?: string[];
  at: string;
}

export interface ConversationState {
  id: string;
  isNew: boolean;
  lastTaskId: string | null;
  pending: Pending | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (id: string) => new NotFound(`no conversation with id ${id}`);

async function findConversation(db: Db, user: UserRow, id: string) {
  // Another user's conversation is as absent as one that never existed.
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.userId, user.id)));
  return row;
}

/** The conversation a message continues, or a new one (stored with its first turn). */
export async function openConversation(db: Db, user: UserRow, id: string | undefined): Promise<ConversationState> {
  if (id === undefined) return { id: Bun.randomUUIDv7(), isNew: true, lastTaskId: null, pending: null };
  const row = await findConversation(db, user, id);
  if (!row) throw notFound(id);
  return { id: row.id, isNew: false, lastTaskId: row.lastTaskId, pending: (row.pending as Pending | null) ?? null };
}

/** Appends a turn and what the next message may refer to. */
export async function recordTurn(db: Db, user: UserRow, state: ConversationState, turn: ChatTurn, next: { lastTaskId: string | null; pending: Pending | null }, now: Date): Promise<void> {
  if (state.isNew) {
    await db.insert(conversations).values({ id: state.id, userId: user.id, turns: [turn], lastTaskId: next.lastTaskId, pending: next.pending, createdAt: now, updatedAt: now });
    return;
  }
  // Appending in SQL keeps both turns when two messages of one conversation arrive at once.
  await db
    .update(conversations)
    .set({ turns: sql`${conversations.turns} || ${JSON.stringify([turn])}::jsonb`, lastTaskId: next.lastTaskId, pending: next.pending, updatedAt: now })
    .where(and(eq(conversations.id, state.id), eq(conversations.userId, user.id)));
}

export async function getConversation(db: Db, user: UserRow, id: string) {
  const row = await findConversation(db, user, id);
  if (!row) throw notFound(id);
  return { id: row.id, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString(), turns: row.turns as ChatTurn[] };
}
