import type { TaskView } from "../tasks/task-view.ts";
import type { TargetedIntent } from "./chat-types.ts";
import { findTaskByTitle, normalizeTitle } from "./find-task.ts";

// Changes that read naturally over a list of tasks: "complete haircut and buy milk".
const LISTABLE = new Set<TargetedIntent["type"]>([
  "complete",
  "reopen",
  "delete",
  "set_priority",
  "add_tags",
  "remove_tags",
  "cancel_reminder",
  "cancel_recurrence",
]);
const JOINER = /\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i;

/**
 * The tasks a title like "haircut and buy milk" names one by one, when no task is called that
 * whole and every part names exactly one task; undefined otherwise (the title is read whole).
 */
export function severalTargets(tasks: TaskView[], intent: TargetedIntent): TaskView[] | undefined {
  if (intent.target.kind !== "title" || !LISTABLE.has(intent.type) || !JOINER.test(intent.target.text))
    return undefined;
  const whole = normalizeTitle(intent.target.text);
  if (tasks.some((task) => normalizeTitle(task.title) === whole)) return undefined;
  const found: TaskView[] = [];
  for (const part of intent.target.text.split(JOINER)) {
    const match = findTaskByTitle(tasks, intent, part);
    if (match.kind !== "found" || found.some((task) => task.id === match.task.id)) return undefined;
    found.push(match.task);
  }
  return found.length > 1 ? found : undefined;
}
