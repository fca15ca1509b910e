import { useCallback, useState } from "react";
import type { Task } from "../lib/types.ts";
import { completeTask, deleteTask, reopenTask, restoreTask } from "./task-actions.ts";
import type { RowActions } from "./task-row.tsx";

// Offer ids only need to be unique on this page. Not crypto.randomUUID: browsers define it only in
// secure contexts, so on plain HTTP at a non-localhost address (a cluster's ClusterIP) it is undefined.
let offerCount = 0;

export interface UndoOffer {
  id: string;
  message: string;
  undo: () => Promise<unknown>;
}

/**
 * Complete, reopen and delete from any list (the task panel, a chat reply), each followed by an
 * Undo offer, like the chat's own "undo". The lists reload through `onChanged`.
 */
export function useTaskActions(onChanged: () => void): {
  actions: RowActions;
  offer: UndoOffer | undefined;
  dismiss: () => void;
} {
  const [offer, setOffer] = useState<UndoOffer>();
  const offerUndo = (message: string, undo: () => Promise<unknown>) =>
    setOffer({ id: `undo-${++offerCount}`, message, undo: () => undo().then(onChanged) });

  const toggle = useCallback(
    async (task: Task) => {
      if (task.status === "pending") {
        await completeTask(task);
        offerUndo(`Completed “${task.title}”`, () => reopenTask(task));
      } else {
        await reopenTask(task);
        offerUndo(`Reopened “${task.title}”`, () => completeTask(task));
      }
      onChanged();
    },
    [onChanged],
  );
  const remove = useCallback(
    async (task: Task) => {
      await deleteTask(task);
      offerUndo(`Deleted “${task.title}”`, () => restoreTask(task));
      onChanged();
    },
    [onChanged],
  );
  return {
    actions: { toggle, remove, onChanged },
    offer,
    dismiss: useCallback(() => setOffer(undefined), []),
  };
}
