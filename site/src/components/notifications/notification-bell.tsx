import { type RefObject, useEffect, useRef, useState } from "react";
import { ReminderActions } from "./reminder-actions.tsx";
import { canAskForSystemNotifications } from "./system-notifications.ts";
import { dateTime, dayOf } from "../lib/format.ts";
import type { Notification } from "../lib/types.ts";

interface Props {
  items: Notification[];
  unread: number;
  zone: string;
  onMarkRead: (id: string) => void;
  onMarkAllRead: () => void;
  onOpenTask: (taskId: string) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The bell: unread count, and a list of delivered and missed reminders to mark as read. */
export function NotificationBell({
  items,
  unread,
  zone,
  onMarkRead,
  onMarkAllRead,
  onOpenTask,
  open,
  onOpenChange: setOpen,
}: Props) {
  const button = useRef<HTMLButtonElement>(null);
  useEscapeCloses(open, setOpen, button);
  // The panel closes before a task opens, so the task is in view.
  const openTask = (taskId: string) => {
    setOpen(false);
    onOpenTask(taskId);
  };

  return (
    <div className="bell">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={`Notifications, ${unread} unread`}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="unread" aria-hidden="true" data-testid="unread-count">
            {unread}
          </span>
        )}
      </button>
      <div
        id="notifications-panel"
        className="notifications"
        hidden={!open}
        role="region"
        aria-label="Notifications"
      >
        <div className="bell-head">
          <h2>Reminders</h2>
          {unread > 0 && (
            <button type="button" className="quiet" onClick={onMarkAllRead}>
              Mark all read
            </button>
          )}
        </div>
        <SystemNotificationsOffer />
        {items.length === 0 ? (
          <p>No reminders yet. They appear here when they fire.</p>
        ) : (
          <ul>
            {items.map((n) => (
              <NotificationItem key={n.id} n={n} zone={zone} onMarkRead={onMarkRead} onOpenTask={openTask} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

// Escape closes the list and puts focus back where it was opened from: the bell, or the phone's
// bottom bar, where the header shows no bell.
function useEscapeCloses(
  open: boolean,
  setOpen: (open: boolean) => void,
  button: RefObject<HTMLButtonElement | null>,
) {
  useEffect(() => {
    if (!open) return;
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body
        ? document.activeElement
        : button.current;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      opener?.focus();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [open]);
}

// Offered while the browser has not been asked yet: reminders as system notifications in the background.
function SystemNotificationsOffer() {
  const [canAsk, setCanAsk] = useState(canAskForSystemNotifications);
  if (!canAsk) return null;
  return (
    <p className="hint">
      <button
        type="button"
        className="link"
        onClick={() =>
          void Notification.requestPermission().then(() => setCanAsk(canAskForSystemNotifications()))
        }
      >
        Also notify me when this tab is in the background
      </button>
    </p>
  );
}

/** One reminder: read ones offer Open; unread ones what their toast offered, and Mark read. */
function NotificationItem(props: {
  n: Notification;
  zone: string;
  onMarkRead: (id: string) => void;
  onOpenTask: (taskId: string) => void;
}) {
  const { n, zone, onMarkRead } = props;
  return (
    <li className={n.read_at ? "read" : "unread-item"}>
      <p>
        {n.status === "missed" && <span className="badge missed">missed</span>} {n.message}
      </p>
      <small>{n.all_day ? dayOf(n.target_time, zone) : dateTime(n.target_time, zone)}</small>
      {n.read_at ? (
        <button
          type="button"
          className="link"
          onClick={() => props.onOpenTask(n.task_id)}
          aria-label={`Open ${n.title}`}
        >
          Open
        </button>
      ) : (
        // Unread: what the toast offered, in case the toast was missed.
        <ReminderActions
          taskId={n.task_id}
          title={n.title}
          zone={zone}
          onDone={() => onMarkRead(n.id)}
          onOpen={(taskId) => {
            onMarkRead(n.id);
            props.onOpenTask(taskId);
          }}
        />
      )}
      {!n.read_at && (
        <button
          type="button"
          className="link"
          onClick={() => onMarkRead(n.id)}
          aria-label={`Mark read: ${n.message}`}
        >
          Mark read
        </button>
      )}
    </li>
  );
}

// An inline icon: emoji glyphs are missing on many Linux machines.
function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
