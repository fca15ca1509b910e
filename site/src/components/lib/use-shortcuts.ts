import { useEffect } from "react";
import { flushSync } from "react-dom";

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || !!target.closest("input, textarea, select"));

/** "/" focuses the message box from anywhere but a text field (as in many chat and todo apps). */
export function useShortcuts(showChat: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      event.preventDefault();
      flushSync(showChat); // on a phone the chat may be the hidden panel: show it before focusing
      document.getElementById("chat-input")?.focus();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
}
