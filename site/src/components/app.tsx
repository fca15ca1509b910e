import { useCallback, useEffect, useRef, useState } from "react";
import { AuthScreen } from "./auth/auth-screen.tsx";
import { ChatPanel } from "./chat/chat-panel.tsx";
import { api } from "./lib/api.ts";
import type { TaskUpdate, User } from "./lib/types.ts";
import { useLiveUpdates } from "./lib/use-live-updates.ts";
import { useNow } from "./lib/use-now.ts";
import { useShortcuts } from "./lib/use-shortcuts.ts";
import { useNotifications } from "./notifications/use-notifications.ts";
import { TaskPanel } from "./tasks/task-panel.tsx";
import type { RevealRequest } from "./tasks/use-reveal-task.ts";
import { useTaskActions } from "./tasks/use-task-actions.ts";
import {
  BottomBar,
  type Notifications,
  Overlays,
  SkipToChat,
  TopBar,
  type View,
} from "./workspace-frame.tsx";

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
  // On a phone one panel shows at a time; on a desktop both, and this is ignored.
  const [view, setView] = useState<View>("chat");
  const [bellOpen, setBellOpen] = useState(false);
  const [draft, setDraft] = useState<{ text: string }>();
  const notifications = useNotifications();
  const { version, refresh, live } = useLiveTasks(notifications);
  const now = useNow(version);
  const { actions, offer, dismiss } = useTaskActions(refresh);
  const help = useShortcutsHelp(setView);
  const { reveal, openTask } = useOpenTask(setView);
  const reminded = new Set(notifications.items.filter((n) => !n.read_at).map((n) => n.task_id));

  return (
    <div className="workspace">
      <SkipToChat onClick={() => setView("chat")} />
      <TopBar
        user={user}
        live={live}
        notifications={notifications}
        bellOpen={bellOpen}
        onBellOpenChange={setBellOpen}
        onOpenTask={openTask}
        onUserChanged={onUserChanged}
        onSignedOut={onSignedOut}
      />
      <main className="columns" data-view={view}>
        <ChatPanel
          user={user}
          draft={draft}
          autoFocus={focusChat}
          version={version}
          now={now}
          actions={actions}
          onChanged={refresh}
          onShowShortcuts={help.show}
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
      <BottomBar
        view={view}
        onView={setView}
        unread={notifications.unread}
        bellOpen={bellOpen}
        onBellOpenChange={setBellOpen}
      />
      <Overlays
        notifications={notifications}
        zone={user.timezone}
        onOpenTask={openTask}
        help={help}
        undo={{ offer, dismiss }}
      />
    </div>
  );
}

/**
 * The live connection: each event goes to the notifications and reloads the task lists (`version`
 * bumps); a reset (events were missed) reloads both. `refresh` reloads the lists now.
 */
function useLiveTasks(notifications: Notifications) {
  const [version, setVersion] = useState(0);
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
  return { version, refresh, live };
}

// The keyboard shortcuts ("/" shows the chat) and the dialog that lists them ("?").
function useShortcutsHelp(setView: (view: View) => void) {
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  useShortcuts(
    useCallback(() => setView("chat"), []),
    show,
  );
  return { open, show, close: () => setOpen(false) };
}

// "Open" on a reminder: the tasks panel comes into view (a phone shows one panel) and the list
// brings the task in and focuses it (use-reveal-task.ts).
function useOpenTask(setView: (view: View) => void) {
  const [reveal, setReveal] = useState<RevealRequest>();
  const openTask = useCallback((taskId: string) => {
    setView("tasks");
    setReveal((last) => ({ taskId, seq: (last?.seq ?? 0) + 1 }));
  }, []);
  return { reveal, openTask };
}
