import { useEffect, useRef, useState } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { ChatResponse } from "../lib/types.ts";
import { type ChatEntry, loadLatestConversation } from "./chat-history.ts";

// Entry keys only need to be unique on this page. Not crypto's randomUUID: browsers define it only
// in secure contexts, so on plain HTTP at a non-localhost address (a cluster's ClusterIP or node
// address) it is undefined and sending a message threw before the request went out.
let entryCount = 0;
const entryId = () => `entry-${++entryCount}`;

export interface Conversation {
  entries: ChatEntry[];
  /** What is in the message box. */
  text: string;
  setText: (text: string) => void;
  pending: boolean;
  /** A message that did not go through: kept in the box, with the plain reason. */
  failed: string | undefined;
  historyMissing: boolean;
  /** Sends what is in the box (nothing while a message is on its way). */
  send: () => Promise<void>;
}

/**
 * The conversation with the assistant: the latest one loaded from the server, then each message sent
 * and its reply. `onChanged` runs after a reply that changed tasks; `focusInput` after every send.
 */
export function useConversation(onChanged: () => void, focusInput: () => void): Conversation {
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<string>();
  const [historyMissing, setHistoryMissing] = useState(false);
  const conversation = useRef<string>(undefined);

  useEffect(() => {
    loadLatestConversation().then(
      (latest) => {
        // A message sent before the history arrived has started its own conversation: it stays.
        if (!latest || conversation.current) return;
        conversation.current = latest.id;
        setEntries((sent) => [...latest.entries, ...sent]);
      },
      // Without it a message starts a new conversation (kept like any other); the log says so.
      () => setHistoryMissing(true),
    );
  }, []);

  async function send() {
    const message = text.trim();
    if (!message || pending) return;
    setFailed(undefined);
    setPending(true);
    try {
      const answer = await api<ChatResponse>("POST", "/api/chat", {
        message,
        ...(conversation.current ? { conversation_id: conversation.current } : {}),
      });
      conversation.current = answer.conversation_id;
      setEntries((list) => [
        ...list,
        { id: entryId(), from: "you", text: message },
        { id: entryId(), from: "assistant", text: answer.reply, tasks: answer.tasks },
      ]);
      setText((typed) => (typed.trim() === message ? "" : typed));
      if (answer.actions.length) onChanged();
    } catch (failure) {
      setFailed(plainMessage(failure));
    } finally {
      setPending(false);
      focusInput();
    }
  }

  return { entries, text, setText, pending, failed, historyMissing, send };
}
