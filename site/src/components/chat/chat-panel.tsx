import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { RowActions } from "../tasks/task-row.tsx";
import type { ChatResponse, User } from "../lib/types.ts";
import { ReplyTasks } from "./reply-tasks.tsx";
import { loadLatestConversation, type ChatEntry } from "./chat-history.ts";

// Entry keys only need to be unique on this page. Not crypto's randomUUID: browsers define it only
// in secure contexts, so on plain HTTP at a non-localhost address (a cluster's ClusterIP or node
// address) it is undefined and sending a message threw before the request went out.
let entryCount = 0;
const entryId = () => `entry-${++entryCount}`;

interface Props {
  user: User;
  /** Text to put in the box (an example picked from the empty task list). */
  draft: { text: string } | undefined;
  autoFocus: boolean;
  /** Bumped when tasks may have changed, so the cards in replies reload. */
  version: number;
  now: Date;
  actions: RowActions;
  onChanged: () => void;
  /** Opens the list of keyboard shortcuts (the hint under the message box). */
  onShowShortcuts: () => void;
}

/** The conversation: history, Enter to send, a visible pending state, replies with task cards. */
export function ChatPanel({
  user,
  draft,
  autoFocus,
  version,
  now,
  actions,
  onChanged,
  onShowShortcuts,
}: Props) {
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  // A message that did not go through: kept in the box, with a Retry beside the plain reason.
  const [failed, setFailed] = useState<string>();
  const [historyMissing, setHistoryMissing] = useState(false);
  const conversation = useRef<string>(undefined);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
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
  useEffect(() => {
    if (!draft) return;
    setText(draft.text);
    input.current?.focus();
  }, [draft]);
  // In braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [entries, pending]);

  async function send(event?: FormEvent) {
    event?.preventDefault();
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
      input.current?.focus();
    }
  }

  // Enter sends; Shift+Enter starts a new line.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <section className="panel chat-panel" aria-labelledby="chat-title">
      <h2 id="chat-title">Assistant</h2>
      <div className="chat-log" role="log" aria-live="polite" aria-label="Conversation">
        <ol className="chat-entries" ref={log}>
          {historyMissing && <li className="hint">Earlier messages could not be loaded.</li>}
          {entries.length === 0 && (
            <li className="hint">
              Say what you need: “Add call mom tomorrow”, “Show me all high-priority tasks”, “Every Friday at
              2 PM remind me to submit my weekly report”.
            </li>
          )}
          {entries.map((entry) => (
            <li key={entry.id} className={`bubble from-${entry.from}`}>
              <span className="visually-hidden">{entry.from === "you" ? "You said:" : "Assistant:"}</span>
              <p>{entry.tasks?.length ? withoutListedLines(entry.text) : entry.text}</p>
              {entry.tasks && entry.tasks.length > 0 && (
                <ReplyTasks
                  tasks={entry.tasks}
                  zone={user.timezone}
                  version={version}
                  now={now}
                  actions={actions}
                />
              )}
            </li>
          ))}
          {pending && (
            <li className="bubble from-you pending-send">
              <p>{text.trim()}</p>
            </li>
          )}
          {pending && (
            <li className="bubble from-assistant pending" aria-busy="true">
              <p>Thinking…</p>
            </li>
          )}
        </ol>
      </div>
      {failed && (
        <div role="alert" className="error-box">
          <p>{failed} Your message is still in the box.</p>
          <button type="button" onClick={() => void send()}>
            Retry
          </button>
        </div>
      )}
      <form className="composer" onSubmit={send}>
        <label htmlFor="chat-input" className="visually-hidden">
          Message the assistant
        </label>
        <textarea
          id="chat-input"
          ref={input}
          rows={2}
          value={text}
          placeholder="Message the assistant (Enter to send)"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" disabled={pending || !text.trim()}>
          {pending ? "Sending…" : "Send"}
        </button>
      </form>
      <p className="shortcuts-hint">
        Press <kbd>?</kbd> for{" "}
        <button type="button" className="link" aria-keyshortcuts="?" onClick={onShowShortcuts}>
          keyboard shortcuts
        </button>
      </p>
    </section>
  );
}

// A reply that lists tasks writes them as "- title (…)" lines too; the cards replace those lines.
const withoutListedLines = (reply: string) =>
  reply
    .split("\n")
    .filter((line) => !line.startsWith("- "))
    .join("\n");
