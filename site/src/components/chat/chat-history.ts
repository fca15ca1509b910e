import { api } from "../lib/api.ts";
import type { Task } from "../lib/types.ts";

export interface ChatEntry {
  id: string;
  from: "you" | "assistant";
  text: string;
  /** The tasks a reply lists, shown as cards. */
  tasks?: Task[];
}

interface Turn {
  message: string;
  reply: string;
}

// The conversation id is remembered per user in this browser, so a reload shows the history.
const storageKey = (userId: string) => `chat-conversation:${userId}`;
export const rememberedConversation = (userId: string) => localStorage.getItem(storageKey(userId)) ?? undefined;
export const rememberConversation = (userId: string, id: string) => localStorage.setItem(storageKey(userId), id);

/** The earlier turns of the remembered conversation (text only), or none. */
export async function loadHistory(conversationId: string): Promise<ChatEntry[]> {
  const conversation = await api<{ turns: Turn[] }>("GET", `/api/conversations/${encodeURIComponent(conversationId)}`);
  return conversation.turns.flatMap((turn, i) => [
    { id: `h${i}q`, from: "you" as const, text: turn.message },
    { id: `h${i}a`, from: "assistant" as const, text: turn.reply },
  ]);
}
