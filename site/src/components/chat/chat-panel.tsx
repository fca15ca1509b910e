import { type FormEvent, type KeyboardEvent, type RefObject, useEffect, useRef } from "react";
import type { ChatEntry } from "./chat-history.ts";
import type { User } from "../lib/types.ts";
import type { RowActions } from "../tasks/task-row.tsx";
import { ReplyTasks } from "./reply-tasks.tsx";
import { shownText } from "./reply-text.ts";
import { useConversation } from "./use-conversation.ts";

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
  const input = useRef<HTMLTextAreaElement>(null);
  const chat = useConversation(onChanged, () => input.current?.focus());
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);
  useEffect(() => {
    if (!draft) return;
    chat.setText(draft.text);
    input.current?.focus();
  }, [draft]);

  return (
    <section className="panel chat-panel" aria-labelledby="chat-title">
      <h2 id="chat-title">Assistant</h2>
      <ChatLog
        entries={chat.entries}
        pending={chat.pending}
        pendingText={chat.text.trim()}
        historyMissing={chat.historyMissing}
        cards={{ zone: user.timezone, version, now, actions }}
      />
      {chat.failed && (
        <div role="alert" className="error-box">
          <p>{chat.failed} Your message is still in the box.</p>
          <button type="button" onClick={() => void chat.send()}>
            Retry
          </button>
        </div>
      )}
      <Composer
        inputRef={input}
        text={chat.text}
        pending={chat.pending}
        onText={chat.setText}
        onSend={() => void chat.send()}
      />
      <p className="shortcuts-hint">
        Press <kbd>?</kbd> for{" "}
        <button type="button" className="link" aria-keyshortcuts="?" onClick={onShowShortcuts}>
          keyboard shortcuts
        </button>
      </p>
    </section>
  );
}

// What a reply's task cards need besides the tasks.
interface CardContext {
  zone: string;
  version: number;
  now: Date;
  actions: RowActions;
}

/** The messages so far, the one on its way with "Thinking…", kept scrolled to the newest. */
function ChatLog(props: {
  entries: ChatEntry[];
  pending: boolean;
  pendingText: string;
  historyMissing: boolean;
  cards: CardContext;
}) {
  const { entries, pending, cards } = props;
  const log = useRef<HTMLOListElement>(null);
  // In braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [entries, pending]);
  return (
    <div className="chat-log" role="log" aria-live="polite" aria-label="Conversation">
      <ol className="chat-entries" ref={log}>
        {props.historyMissing && <li className="hint">Earlier messages could not be loaded.</li>}
        {entries.length === 0 && (
          <li className="hint">
            Say what you need: “Add call mom tomorrow”, “Show me all high-priority tasks”, “Every Friday at 2
            PM remind me to submit my weekly report”.
          </li>
        )}
        {entries.map((entry) => (
          <li key={entry.id} className={`bubble from-${entry.from}`}>
            <span className="visually-hidden">{entry.from === "you" ? "You said:" : "Assistant:"}</span>
            <p>{shownText(entry)}</p>
            {entry.tasks && entry.tasks.length > 0 && <ReplyTasks tasks={entry.tasks} {...cards} />}
          </li>
        ))}
        {pending && (
          <li className="bubble from-you pending-send">
            <p>{props.pendingText}</p>
          </li>
        )}
        {pending && (
          <li className="bubble from-assistant pending" aria-busy="true">
            <p>Thinking…</p>
          </li>
        )}
      </ol>
    </div>
  );
}

/** The message box: Enter sends, Shift+Enter starts a new line. */
function Composer(props: {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  text: string;
  pending: boolean;
  onText: (text: string) => void;
  onSend: () => void;
}) {
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onSend();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      props.onSend();
    }
  };
  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor="chat-input" className="visually-hidden">
        Message the assistant
      </label>
      <textarea
        id="chat-input"
        ref={props.inputRef}
        rows={2}
        value={props.text}
        placeholder="Message the assistant (Enter to send)"
        onChange={(e) => props.onText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={props.pending || !props.text.trim()}>
        {props.pending ? "Sending…" : "Send"}
      </button>
    </form>
  );
}
