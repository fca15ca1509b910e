import { Temporal } from "temporal-polyfill";
import type { TaskView } from "../tasks/task-view.ts";
import { wallTimeOf } from "../time/zoned.ts";
import type { Due } from "./interpreter/intent.ts";

const DAY_MINUTES = 1440;

/**
 * "postpone X by a week": the task's due moved later by `minutes`. Whole days keep its wall time in
 * the user's zone (a week later is 9 AM again across a change of clocks); hours move the instant.
 * Undefined when there is nothing to move: no due date, or no time and a shift of part of a day.
 * @example shiftedDue({ due_at: null, due_date: "2026-12-04" }, 7 * 1440, "UTC") // { date: "2026-12-11" }
 */
export function shiftedDue(
  task: Pick<TaskView, "due_at" | "due_date">,
  minutes: number,
  zone: string,
): Due | undefined {
  const wholeDays = minutes % DAY_MINUTES === 0 ? minutes / DAY_MINUTES : undefined;
  if (task.due_at) {
    const moved =
      wholeDays === undefined
        ? wallTimeOf(new Date(Date.parse(task.due_at) + minutes * 60_000), zone)
        : wallTimeOf(new Date(task.due_at), zone).add({ days: wholeDays });
    return {
      date: moved.toPlainDate().toString(),
      time: moved.toPlainTime().toString({ smallestUnit: "minute" }),
    };
  }
  if (task.due_date && wholeDays !== undefined)
    return { date: Temporal.PlainDate.from(task.due_date).add({ days: wholeDays }).toString() };
  return undefined;
}
