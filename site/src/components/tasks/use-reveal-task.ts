import { useEffect, useState } from "react";
import { api, ApiError } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { Task } from "../lib/types.ts";

/** A request to show one task (from "Open" on a reminder); `seq` makes a second Open of the same task a new request. */
export interface RevealRequest {
  taskId: string;
  seq: number;
}

interface ListControls {
  filtered: boolean;
  clearFilters: () => void;
  showCompleted: () => void;
}

function focusRow(taskId: string): boolean {
  const found = document.querySelector<HTMLElement>(
    `#tasks-panel article[data-task-id="${CSS.escape(taskId)}"]`,
  );
  found?.scrollIntoView({ block: "center" });
  found?.focus();
  return !!found;
}

/**
 * Brings a task into the list and focuses its row. When the list does not show it, the filters
 * are cleared (they hide it) and completed tasks are shown (it is done), and focus follows once the
 * list has reloaded. Returns what to say when there is no such task any more.
 */
export function useRevealTask(request: RevealRequest | undefined, list: ListControls): string | undefined {
  const [waitingFor, setWaitingFor] = useState<string>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    setNotice(undefined);
    if (!request || focusRow(request.taskId)) return setWaitingFor(undefined);
    let current = true;
    api<Task>("GET", `/api/tasks/${encodeURIComponent(request.taskId)}`).then(
      (task) => {
        if (!current) return;
        if (task.status !== "pending") list.showCompleted();
        if (list.filtered) list.clearFilters();
        setWaitingFor(task.id);
      },
      (failure) =>
        current &&
        setNotice(
          failure instanceof ApiError && failure.status === 404
            ? "That task was deleted."
            : plainMessage(failure),
        ),
    );
    return () => {
      current = false;
    };
  }, [request]);
  // After every render until the reloaded list holds the row.
  useEffect(() => {
    if (waitingFor && focusRow(waitingFor)) setWaitingFor(undefined);
  });
  return notice;
}
