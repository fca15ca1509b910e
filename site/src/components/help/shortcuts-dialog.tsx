import { useEffect, useRef } from "react";

// Every shortcut the page answers, in the order a person meets them; the keys live in
// use-shortcuts.ts (page-wide), list-keys.ts and task-row.tsx (the list) and chat-panel.tsx.
const SHORTCUTS: { keys: string[]; does: string }[] = [
  { keys: ["/"], does: "Focus the message box" },
  { keys: ["?"], does: "Show these shortcuts" },
  { keys: ["↑", "↓"], does: "Move between tasks" },
  { keys: ["Enter"], does: "Edit the focused task" },
  { keys: ["x"], does: "Complete or reopen the focused task" },
  { keys: ["Escape"], does: "Cancel an edit, close a panel or this list" },
  { keys: ["Enter"], does: "In the message box: send" },
  { keys: ["Shift+Enter"], does: "In the message box: a new line" },
];

/**
 * The keyboard shortcuts in a modal `<dialog>`: the browser keeps focus inside it, Escape closes
 * it, and focus goes back to where it was.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (open && !element?.open) element?.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(({ keys, does }) => (
          <div key={does}>
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
      {/* biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus into itself (WAI-ARIA dialog pattern) */}
      <button type="button" className="primary" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
