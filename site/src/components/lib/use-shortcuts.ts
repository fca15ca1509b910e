import { useEffect } from "react";
import { flushSync } from "react-dom";

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || !!target.closest("input, textarea, select"));

/**
 * Page-wide keys, from anywhere but a text field or an open dialog: "/" focuses the message box (as
 * in many chat and todo apps), "?" shows the list of shortcuts.
 */
export function useShortcuts(showChat: () => void, showHelp: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        typing(event.target) ||
        document.querySelector("dialog[open]")
      )
        return;
      if (event.key === "?") {
        event.preventDefault();
        showHelp();
      }
      if (event.key === "/") {
        event.preventDefault();
        flushSync(showChat); // on a phone the chat may be the hidden panel: show it before focusing
        document.getElementById("chat-input")?.focus();
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
}
