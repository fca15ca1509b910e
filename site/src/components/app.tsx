import { useCallback, useEffect, useRef, useState } from "react";
import { AuthScreen } from "./auth/auth-screen.tsx";
import { ZoneEditor } from "./auth/zone-editor.tsx";
import { ChatPanel } from "./chat/chat-panel.tsx";
import { ShortcutsDialog } from "./help/shortcuts-dialog.tsx";
import { api } from "./lib/api.ts";
import type { TaskUpdate, User } from "./lib/types.ts";
import { useLiveUpdates, type LiveStatus } from "./lib/use-live-updates.ts";
import { NotificationBell } from "./notifications/notification-bell.tsx";
import { Toasts } from "./notifications/toasts.tsx";
import { useNotifications } from "./notifications/use-notifications.ts";
import { TaskPanel } from "./tasks/task-panel.tsx";
import { useTaskActions } from "./tasks/use-task-actions.ts";
import type { RevealRequest } from "./tasks/use-reveal-task.ts";
import { UndoToast } from "./toasts/undo-toast.tsx";
import { useNow } from "./lib/use-now.ts";
import { useShortcuts } from "./lib/use-shortcuts.ts";

/** The page: sign-in until there is a session, then chat, tasks and notifications, all live. */
export default function App() {
  const [user, setUser] = useState<User | null>();
  const [justSignedIn, setJustSignedIn] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => {
    // Any failure shows sign-in: 401 (no or stale session) is the usual one.
    api<User>("GET", "/api/me").then(setUser, () => setUser(null));
  }, []);

  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null)
    return (
      <AuthScreen
        mode={signedOut ? "login" : "signup"}
        onSignedIn={(signedIn) => {
          setJustSignedIn(true);
          setUser(signedIn);
        }}
      />
    );
  return (
    <Workspace
      user={user}
      focusChat={justSignedIn}
      onUserChanged={setUser}
      onSignedOut={() => (setSignedOut(true), setUser(null))}
    />
  );
}

const LIVE_LABEL: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

// `focusChat`: right after signing in, focus goes to the message box (the form it came from is gone).
function Workspace({
  user,
  focusChat,
  onUserChanged,
  onSignedOut,
}: {
  user: User;
  focusChat: boolean;
  onUserChanged: (user: User) => void;
  onSignedOut: () => void;
}) {
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState<{ text: string }>();
  // On a phone one panel shows at a time; on a desktop both, and this is ignored.
  const [view, setView] = useState<"chat" | "tasks">("chat");
  const [bellOpen, setBellOpen] = useState(false);
  const notifications = useNotifications();
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  // Bursts of events (a chat turn that touched five tasks) reload the list once.
  const pendingReload = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refreshSoon = useCallback(() => {
    clearTimeout(pendingReload.current);
    pendingReload.current = setTimeout(refresh, 100);
  }, [refresh]);
  const onEvent = useCallback(
    (event: TaskUpdate) => {
      notifications.onLiveEvent(event);
      refreshSoon();
    },
    [notifications.onLiveEvent, refreshSoon],
  );
  const onReset = useCallback(() => {
    refresh();
    void notifications.reload().catch(() => {});
  }, [refresh, notifications.reload]);
  const live = useLiveUpdates(onEvent, onReset);
  const now = useNow(version);
  const { actions, offer, dismiss } = useTaskActions(refresh);
  const [helpOpen, setHelpOpen] = useState(false);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  useShortcuts(
    useCallback(() => setView("chat"), []),
    showHelp,
  );
  // "Open" on a reminder: the tasks panel comes into view (a phone shows one panel) and the list
  // brings the task in and focuses it (use-reveal-task.ts).
  const [reveal, setReveal] = useState<RevealRequest>();
  const openTask = useCallback((taskId: string) => {
    setView("tasks");
    setReveal((last) => ({ taskId, seq: (last?.seq ?? 0) + 1 }));
  }, []);
  const reminded = new Set(notifications.items.filter((n) => !n.read_at).map((n) => n.task_id));

  async function signOut() {
    await api("POST", "/api/auth/logout").catch(() => {});
    onSignedOut();
  }

  return (
    <div className="workspace">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #chat-input that also shows the chat on a phone */}
      <a className="skip" href="#chat-input" onClick={() => setView("chat")}>
        Skip to the message box
      </a>
      <header className="topbar">
        <h1>Chat todo</h1>
        <span className={`live live-${live}`} data-live-status={live}>
          <span className="live-label">{LIVE_LABEL[live]}</span>
        </span>
        <ZoneEditor user={user} onSaved={onUserChanged} />
        <NotificationBell
          items={notifications.items}
          unread={notifications.unread}
          zone={user.timezone}
          onMarkRead={(id) => void notifications.markRead(id)}
          onMarkAllRead={() => void notifications.markAllRead()}
          onOpenTask={openTask}
          open={bellOpen}
          onOpenChange={setBellOpen}
        />
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main className="columns" data-view={view}>
        <ChatPanel
          user={user}
          draft={draft}
          autoFocus={focusChat}
          version={version}
          now={now}
          actions={actions}
          onChanged={refresh}
          onShowShortcuts={showHelp}
        />
        <TaskPanel
          zone={user.timezone}
          now={now}
          version={version}
          actions={actions}
          reminded={reminded}
          reveal={reveal}
          onRetry={refresh}
          onTryExample={(text) => setDraft({ text })}
        />
      </main>
      <nav className="bottom-bar" aria-label="Sections">
        <button
          type="button"
          aria-current={view === "chat" ? "page" : undefined}
          onClick={() => setView("chat")}
        >
          Chat
        </button>
        <button
          type="button"
          aria-current={view === "tasks" ? "page" : undefined}
          onClick={() => setView("tasks")}
        >
          Tasks
        </button>
        <button
          type="button"
          aria-expanded={bellOpen}
          aria-controls="notifications-panel"
          onClick={() => setBellOpen(!bellOpen)}
        >
          Alerts{notifications.unread > 0 ? ` (${notifications.unread})` : ""}
        </button>
      </nav>
      <Toasts
        toasts={notifications.toasts}
        zone={user.timezone}
        onDismiss={notifications.dismissToast}
        onHandled={(id) => void notifications.markRead(id).catch(() => {})}
        onOpen={openTask}
      />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <div className="undo-region" role="status" aria-live="polite">
        {offer && <UndoToast key={offer.id} offer={offer} onDismiss={dismiss} />}
      </div>
    </div>
  );
}
