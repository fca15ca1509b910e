import { useEffect, useRef, useState } from "react";
import { dateTime, dayOf } from "../lib/format.ts";
import type { Notification } from "../lib/types.ts";

interface Props {
  items: Notification[];
  unread: number;
  zone: string;
  onMarkRead: (id: string) => void;
}

/** The bell: unread count, and a list of delivered and missed reminders to mark as read. */
export function NotificationBell({ items, unread, zone, onMarkRead }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // Escape closes the list and puts focus back on the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="bell">
      <button ref={button} type="button" aria-expanded={open} aria-controls="notifications-panel" aria-label={`Notifications, ${unread} unread`} onClick={() => setOpen(!open)}>
        <BellIcon />
        {unread > 0 && (
          <span className="unread" aria-hidden="true" data-testid="unread-count">
            {unread}
          </span>
        )}
      </button>
      <div id="notifications-panel" ref={panel} className="notifications" hidden={!open} role="region" aria-label="Notifications">
        {items.length === 0 ? (
          <p>No reminders yet. They appear here when they fire.</p>
        ) : (
          <ul>
            {items.map((n) => (
              <li key={n.id} className={n.read_at ? "read" : "unread-item"}>
                <p>
                  {n.status === "missed" && <span className="badge missed">missed</span>} {n.message}
                </p>
                <small>{n.all_day ? dayOf(n.target_time, zone) : dateTime(n.target_time, zone)}</small>
                {!n.read_at && (
                  <button type="button" className="link" onClick={() => onMarkRead(n.id)} aria-label={`Mark as read: ${n.message}`}>
                    Mark read
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

// An inline icon: emoji glyphs are missing on many Linux machines.
function BellIcon() {
  return (
    <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
