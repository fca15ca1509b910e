import { useCallback, useEffect, useState } from "react";
import { api } from "../lib/api.ts";
import type { Notification, NotificationPage, TaskUpdate } from "../lib/types.ts";
import { showSystemNotification } from "./system-notifications.ts";

export interface Toast {
  /** The notification's id. */
  id: string;
  taskId: string;
  title: string;
  message: string;
}

// Delivered and missed reminders are what a person should see; suppressed and cancelled ones are
// bookkeeping (the task was done first, or the reminder moved).
const shown = (status: Notification["status"]) => status === "delivered" || status === "missed";
const MAX_TOASTS = 3;

/** The bell's state: the list from the API, refreshed on each live reminder, which also toasts. */
export function useNotifications() {
  const [items, setItems] = useState<Notification[]>([]);
  const [toasts, setToasts] = useState<Toast[]>([]);

  const reload = useCallback(async () => {
    const page = await api<NotificationPage>("GET", "/api/notifications");
    setItems(page.items.filter((n) => shown(n.status)));
  }, []);
  useEffect(() => {
    reload().catch(() => {});
  }, [reload]);

  const onLiveEvent = useCallback(
    (event: TaskUpdate) => {
      if (event.change_type !== "reminder" || !event.notification) return;
      const note = event.notification;
      if (shown(note.status)) {
        const toast = {
          id: note.id,
          taskId: event.task_id,
          title: event.summary.title,
          message: note.message,
        };
        setToasts((list) => [...list.filter((t) => t.id !== note.id), toast].slice(-MAX_TOASTS));
        showSystemNotification(toast);
      }
      void reload().catch(() => {});
    },
    [reload],
  );

  const markRead = useCallback(
    async (id: string) => {
      await api("POST", `/api/notifications/${id}/read`);
      await reload();
    },
    [reload],
  );
  // One call per notification: the notifier has no bulk route, and the list is short.
  const markAllRead = useCallback(async () => {
    await Promise.all(
      items.filter((n) => !n.read_at).map((n) => api("POST", `/api/notifications/${n.id}/read`)),
    );
    await reload();
  }, [items, reload]);

  const dismissToast = useCallback((id: string) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const unread = items.filter((n) => !n.read_at).length;
  return { items, unread, toasts, onLiveEvent, markRead, markAllRead, dismissToast, reload };
}
