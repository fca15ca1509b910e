import { useState } from "react";
import { plainMessage } from "../lib/plain-errors.ts";
import type { UndoOffer } from "../tasks/use-task-actions.ts";
import { TimedToast } from "./timed-toast.tsx";

/** "Completed “call mom” · Undo", for eight seconds (longer while hovered or focused). */
export function UndoToast({ offer, onDismiss }: { offer: UndoOffer; onDismiss: () => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function undo() {
    setBusy(true);
    try {
      await offer.undo();
      onDismiss();
    } catch (failure) {
      setError(`Couldn’t undo. ${plainMessage(failure)}`);
      setBusy(false);
    }
  }
  return (
    <TimedToast key={offer.id} ms={8000} onTimeout={onDismiss} className="undo-toast" label="Undo">
      <p>{error ?? offer.message}</p>
      <button type="button" className="toast-action" onClick={undo} disabled={busy}>
        Undo
      </button>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </TimedToast>
  );
}
