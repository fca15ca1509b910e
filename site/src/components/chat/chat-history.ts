import { api, ApiError } from "../lib/api.ts";
import type { ConversationView, Task } from "../lib/types.ts";

export interface ChatEntry {
  id: string;
  from: "you" | "assistant";
  text: string;
  /** The tasks a reply lists, shown as cards. */
  tasks?: Task[];
}

// The last turns the page shows on opening; older ones stay on the server.
const SHOWN_TURNS = 50;

/**
 * The user's latest conversation from the server (text only), so the chat follows them to any
 * browser they sign in from; none before their first message.
 */
export async function loadLatestConversation(): Promise<{ id: string; entries: ChatEntry[] } | undefined> {
  try {
    const conversation = await api<ConversationView>("GET", `/api/conversations/latest?limit=${SHOWN_TURNS}`);
    const entries = conversation.turns.flatMap((turn, i) => [
      { id: `h${i}q`, from: "you" as const, text: turn.message },
      { id: `h${i}a`, from: "assistant" as const, text: turn.reply },
    ]);
    return { id: conversation.id, entries };
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) return undefined;
    throw failure;
  }
}
