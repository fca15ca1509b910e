import { useCallback, useEffect, useRef, useState } from "react";
import { AuthScreen } from "./auth/auth-screen.tsx";
import { ZoneEditor } from "./auth/zone-editor.tsx";
import { ChatPanel } from "./chat/chat-panel.tsx";
import { api } from "./lib/api.ts";
import type { TaskUpdate, User } from "./lib/types.ts";
import { useLiveUpdates, type LiveStatus } from "./lib/use-live-updates.ts";
import { NotificationBell } from "./notifications/notification-bell.tsx";
import { Toasts } from "./notifications/toasts.tsx";
import { useNotifications } from "./notifications/use-notifications.ts";
import { TaskPanel } from "./tasks/task-panel.tsx";

/** The page: sign-in until there is a session, then chat, tasks and notifications, all live. */
export default function App() {
  const [user, setUser] = useState<User | null>();
  const [justSignedIn, setJustSignedIn] = useState(false);
  useEffect(() => {
    // Any failure shows sign-in: 401 (no or stale session) is the usual one.
    api<User>("GET", "/api/me").then(setUser, () => setUser(null));
  }, []);

  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null)
    return (
      <AuthScreen
        onSignedIn={(signedIn) => {
          setJustSignedIn(true);
          setUser(signedIn);
        }}
      />
    );
  return <Workspace user={user} focusChat={justSignedIn} onUserChanged={setUser} onSignedOut={() => setUser(null)} />;
}

const LIVE_LABEL: Record<LiveStatus, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" };

// `focusChat`: right after signing in, focus goes to the message box (the form it came from is gone).
function Workspace({ user, focusChat, onUserChanged, onSignedOut }: { user: User; focusChat: boolean; onUserChanged: (user: User) => void; onSignedOut: () => void }) {
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState<{ text: string }>();
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

  async function signOut() {
    await api("POST", "/api/auth/logout").catch(() => {});
    onSignedOut();
  }

  return (
    <div className="workspace">
      <a className="skip" href="#chat-input">
        Skip to the message box
      </a>
      <header className="topbar">
        <h1>Chat todo</h1>
        <span className={`live live-${live}`} data-live-status={live}>
          {LIVE_LABEL[live]}
        </span>
        <ZoneEditor user={user} onSaved={onUserChanged} />
        <NotificationBell items={notifications.items} unread={notifications.unread} zone={user.timezone} onMarkRead={(id) => void notifications.markRead(id)} />
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main className="columns">
        <ChatPanel user={user} draft={draft} autoFocus={focusChat} version={version} onChanged={refresh} />
        <TaskPanel zone={user.timezone} version={version} onChanged={refresh} onTryExample={(text) => setDraft({ text })} />
      </main>
      <Toasts toasts={notifications.toasts} onDismiss={notifications.dismissToast} />
    </div>
  );
}
