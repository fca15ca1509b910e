import { NotFound } from "@todo/service-kit";
import type { PatchInput } from "../../tasks/decide-task.ts";
import type { TaskView } from "../../tasks/task-view.ts";
import type { ChatAction, TurnOutcome } from "../chat-types.ts";
import type { ExecContext } from "../exec-context.ts";
import { quote, taskDetails, withDetails } from "../replies.ts";
import type { UndoStep } from "./undo-steps.ts";

// A reminder that has passed since is not set again: it would fire at once, late.
function reminderBack(before: TaskView, now: Date): string | null {
  return before.reminder_time && new Date(before.reminder_time) > now ? before.reminder_time : null;
}

/** The patch that puts back every field the change touched. */
export function patchBack(before: TaskView, current: TaskView, now: Date): PatchInput {
  const patch: PatchInput = {};
  if (before.title !== current.title) patch.title = before.title;
  if (before.description !== current.description) patch.description = before.description;
  if (before.priority !== current.priority) patch.priority = before.priority;
  if (before.tags.join(",") !== current.tags.join(",")) patch.tags = before.tags;
  if (before.status !== current.status) patch.status = before.status;
  if (before.due_at !== current.due_at || before.due_date !== current.due_date) {
    if (before.due_at) patch.due_at = before.due_at;
    else Object.assign(patch, { due_date: before.due_date, due_at: null });
  }
  if (before.reminder_time !== current.reminder_time) patch.reminder_time = reminderBack(before, now);
  const was = before.recurrence_rule;
  const is = current.recurrence_rule;
  if (was?.active && (!is?.active || is.rrule !== was.rrule)) {
    patch.recurrence = {
      rrule: was.rrule,
      dtstart: was.dtstart,
      timezone: was.timezone,
      ...(was.count ? { count: was.count } : {}),
      ...(was.until ? { until: was.until } : {}),
    };
  } else if (!was?.active && is?.active) {
    patch.recurrence = null;
  }
  return patch;
}

async function undoStep(
  ctx: ExecContext,
  step: UndoStep,
): Promise<{ line: string; actions: ChatAction[]; taskId: string | null }> {
  const speaking = { now: ctx.now, zone: ctx.zone };
  switch (step.kind) {
    case "created": {
      const task = await ctx.tasks.get(ctx.user, step.task_id);
      await ctx.tasks.remove(ctx.user, task.id);
      const actions: ChatAction[] = [{ type: "task.deleted", task_id: task.id }];
      if (task.recurrence_rule?.active && task.series_id)
        actions.push({ type: "recurrence.cancelled", task_id: task.id, series_id: task.series_id });
      return { line: `I've removed ${quote(task.title)} again.`, actions, taskId: null };
    }
    case "deleted": {
      const task = await ctx.tasks.restore(ctx.user, step.task_id);
      return {
        line: `I've brought back ${quote(task.title)}${withDetails(taskDetails(task, speaking))}.`,
        actions: [{ type: "task.created", task_id: task.id }],
        taskId: task.id,
      };
    }
    case "updated": {
      const current = await ctx.tasks.get(ctx.user, step.before.id);
      const { task: after } = await ctx.tasks.update(
        ctx.user,
        current.id,
        patchBack(step.before, current, ctx.now),
      );
      const reopened = current.status === "completed" && after.status === "pending";
      const what = reopened ? "is open again" : "is back as it was";
      return {
        line: `${quote(after.title)} ${what}${withDetails(taskDetails(after, speaking))}.`,
        actions: [
          { type: after.status === "completed" ? "task.completed" : "task.updated", task_id: after.id },
        ],
        taskId: after.id,
      };
    }
    default: {
      const never: never = step;
      throw new Error(`unhandled undo step ${JSON.stringify(never)}`);
    }
  }
}

/** "undo": reverses the conversation's last change not undone yet, newest step first. */
export async function executeUndo(ctx: ExecContext): Promise<TurnOutcome> {
  const record = ctx.undoable;
  if (!record)
    return { reply: "There's nothing I changed in this conversation that I can undo.", actions: [] };
  const lines: string[] = [];
  const actions: ChatAction[] = [];
  let lastTaskId: string | null | undefined;
  for (const step of [...record.steps].reverse()) {
    try {
      const done = await undoStep(ctx, step);
      lines.push(done.line);
      actions.push(...done.actions);
      lastTaskId ??= done.taskId;
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      lines.push("One of the tasks that change touched is gone now, so that part can't be undone.");
    }
  }
  return { reply: `Undone. ${lines.join(" ")}`, actions, lastTaskId, undid: record.id };
}
