import { TimedToast } from "../toasts/timed-toast.tsx";
import { ReminderActions } from "./reminder-actions.tsx";
import type { Toast } from "./use-notifications.ts";

interface Props {
  toasts: Toast[];
  zone: string;
  onDismiss: (id: string) => void;
  /** Complete or Snooze went through: the reminder counts as read. */
  onHandled: (id: string) => void;
  onOpen: (taskId: string) => void;
}

/**
 * Reminders that arrive while the page is open, with what to do about them. Each goes away after
 * 20 seconds unless hovered or focused; the bell keeps every one of them.
 */
export function Toasts({ toasts, zone, onDismiss, onHandled, onOpen }: Props) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <TimedToast
          key={toast.id}
          ms={20_000}
          onTimeout={() => onDismiss(toast.id)}
          className="reminder-toast"
          label={`Reminder: ${toast.title}`}
        >
          <div className="toast-body">
            <p>{toast.message}</p>
            <ReminderActions
              taskId={toast.taskId}
              title={toast.title}
              zone={zone}
              onDone={() => (onHandled(toast.id), onDismiss(toast.id))}
              onOpen={(taskId) => (onOpen(taskId), onDismiss(toast.id))}
            />
          </div>
          <button
            type="button"
            className="toast-close"
            onClick={() => onDismiss(toast.id)}
            aria-label={`Dismiss: ${toast.message}`}
          >
            ×
          </button>
        </TimedToast>
      ))}
    </div>
  );
}
