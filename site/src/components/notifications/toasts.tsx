import type { Toast } from "./use-notifications.ts";

/**
 * Reminders that arrive while the page is open. They stay until dismissed: a reminder is the point
 * of the product, and a toast that vanishes on a timer can be missed (WCAG 2.2.1).
 */
export function Toasts(props: { toasts: Toast[]; onDismiss: (id: string) => void }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {props.toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <p>{toast.message}</p>
          <button type="button" className="link" onClick={() => props.onDismiss(toast.id)} aria-label={`Dismiss: ${toast.message}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
