// The page's frame around the two panels: the skip link, the header, a phone's bottom bar, and what
// shows above the page (toasts, the shortcuts dialog, Undo).
import { api } from "./lib/api.ts";
import type { User } from "./lib/types.ts";
import type { LiveStatus } from "./lib/use-live-updates.ts";
import { ZoneEditor } from "./auth/zone-editor.tsx";
import { ShortcutsDialog } from "./help/shortcuts-dialog.tsx";
import { NotificationBell } from "./notifications/notification-bell.tsx";
import { Toasts } from "./notifications/toasts.tsx";
import type { useNotifications } from "./notifications/use-notifications.ts";
import type { useTaskActions } from "./tasks/use-task-actions.ts";
import { UndoToast } from "./toasts/undo-toast.tsx";

/** Which panel a phone shows (a desktop shows both). */
export type View = "chat" | "tasks";
export type Notifications = ReturnType<typeof useNotifications>;

export function SkipToChat(props: { onClick: () => void }) {
  return (
    // biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #chat-input that also shows the chat on a phone
    <a className="skip" href="#chat-input" onClick={props.onClick}>
      Skip to the message box
    </a>
  );
}

const LIVE_LABEL: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

/** The header: the live status, the user's zone, the bell and Sign out. */
export function TopBar(props: {
  user: User;
  live: LiveStatus;
  notifications: Notifications;
  bellOpen: boolean;
  onBellOpenChange: (open: boolean) => void;
  onOpenTask: (taskId: string) => void;
  onUserChanged: (user: User) => void;
  onSignedOut: () => void;
}) {
  const { user, live, notifications } = props;
  async function signOut() {
    await api("POST", "/api/auth/logout").catch(() => {});
    props.onSignedOut();
  }
  return (
    <header className="topbar">
      <h1>Chat todo</h1>
      <span className={`live live-${live}`} data-live-status={live}>
        <span className="live-label">{LIVE_LABEL[live]}</span>
      </span>
      <ZoneEditor user={user} onSaved={props.onUserChanged} />
      <NotificationBell
        items={notifications.items}
        unread={notifications.unread}
        zone={user.timezone}
        onMarkRead={(id) => void notifications.markRead(id)}
        onMarkAllRead={() => void notifications.markAllRead()}
        onOpenTask={props.onOpenTask}
        open={props.bellOpen}
        onOpenChange={props.onBellOpenChange}
      />
      <button type="button" onClick={signOut}>
        Sign out
      </button>
    </header>
  );
}

/** What shows above the page: reminder toasts, the shortcuts dialog, and Undo after a complete or delete. */
export function Overlays(props: {
  notifications: Notifications;
  zone: string;
  onOpenTask: (taskId: string) => void;
  help: { open: boolean; close: () => void };
  undo: Pick<ReturnType<typeof useTaskActions>, "offer" | "dismiss">;
}) {
  const { notifications, undo } = props;
  return (
    <>
      <Toasts
        toasts={notifications.toasts}
        zone={props.zone}
        onDismiss={notifications.dismissToast}
        onHandled={(id) => void notifications.markRead(id).catch(() => {})}
        onOpen={props.onOpenTask}
      />
      <ShortcutsDialog open={props.help.open} onClose={props.help.close} />
      <div className="undo-region" role="status" aria-live="polite">
        {undo.offer && <UndoToast key={undo.offer.id} offer={undo.offer} onDismiss={undo.dismiss} />}
      </div>
    </>
  );
}

/** A phone's sections: Chat, Tasks and Alerts (the header shows no bell there). */
export function BottomBar(props: {
  view: View;
  onView: (view: View) => void;
  unread: number;
  bellOpen: boolean;
  onBellOpenChange: (open: boolean) => void;
}) {
  const { view, onView } = props;
  return (
    <nav className="bottom-bar" aria-label="Sections">
      <button
        type="button"
        aria-current={view === "chat" ? "page" : undefined}
        onClick={() => onView("chat")}
      >
        Chat
      </button>
      <button
        type="button"
        aria-current={view === "tasks" ? "page" : undefined}
        onClick={() => onView("tasks")}
      >
        Tasks
      </button>
      <button
        type="button"
        aria-expanded={props.bellOpen}
        aria-controls="notifications-panel"
        onClick={() => props.onBellOpenChange(!props.bellOpen)}
      >
        Alerts{props.unread > 0 ? ` (${props.unread})` : ""}
      </button>
    </nav>
  );
}
