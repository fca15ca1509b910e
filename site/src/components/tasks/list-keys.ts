import type { KeyboardEvent } from "react";

/**
 * Up and down arrows move between task rows (focus lands on the row itself, where Enter edits and
 * x completes). Inside a field of the editor the arrows keep their usual meaning.
 */
export function moveFocusBetweenRows(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const target = event.target as HTMLElement;
  if (target.closest("input:not([type=checkbox]), textarea, select, .task-editor")) return;
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>("article.task-row"));
  if (rows.length === 0) return;
  const at = rows.findIndex((row) => row.contains(target));
  const next =
    at === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)));
  event.preventDefault();
  rows[next]!.focus();
}
