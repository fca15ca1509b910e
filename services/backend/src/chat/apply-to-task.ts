import { Temporal } from "temporal-polyfill";
import type { PatchInput } from "../tasks/decide-task.ts";
import type { TaskView } from "../tasks/task-view.ts";
import { instantOf, wallTimeOf } from "../time/zoned.ts";
import type { ChatAction, TargetedIntent, TurnOutcome } from "./chat-types.ts";
import type { ExecContext } from "./exec-context.ts";
import type { Due } from "./interpreter/intent.ts";
import { anchorToDue } from "./interpreter/schedule/recurrence.ts";
import { listWords, quote, taskNoun } from "./replies.ts";
import { shiftedDue } from "./shift-due.ts";
import { speakDue, speakInstant } from "./speak-time.ts";
import type { UndoStep } from "./undo/undo-steps.ts";

/** API.md's due fields for a date, with a time only when the user gave one. */
export function dueFields(due: Due, zone: string): { due_date?: string | null; due_at: string | null } {
  if (!due.time) return { due_date: due.date, due_at: null };
  return { due_at: instantOf(Temporal.PlainDateTime.from(`${due.date}T${due.time}`), zone).toISOString() };
}

/** What a follow-up's date means for this task: "move it to 5pm" keeps its day, "make it friday" its time. */
export function dueForTask(due: Due, task: TaskView, zone: string): Due {
  const date = due.keep_date && task.due_date ? task.due_date : due.date;
  const kept =
    due.keep_time && !due.time && task.due_at
      ? wallTimeOf(new Date(task.due_at), zone).toPlainTime().toString({ smallestUnit: "minute" })
      : undefined;
  const time = due.time ?? kept;
  return time ? { date, time } : { date };
}

const tagWord = (tags: string[]) => `tag${tags.length === 1 ? "" : "s"} ${listWords(tags.map(quote))}`;

// The task service says whether the patch changed anything; the reply follows from that.
async function patch(ctx: ExecContext, task: TaskView, changes: PatchInput, require?: "recurrence") {
  const { task: after, changed } = await ctx.tasks.update(ctx.user, task.id, changes, require);
  return { after, changed };
}

const updated = (reply: string, task: TaskView, extra: ChatAction[] = []): TurnOutcome => ({
  reply,
  actions: [{ type: "task.updated", task_id: task.id }, ...extra],
  lastTaskId: task.id,
});
const unchanged = (reply: string, task: TaskView): TurnOutcome => ({
  reply,
  actions: [],
  lastTaskId: task.id,
});

/**
 * Carries out an intent on the one task it names; every change goes through the task service.
 * A change keeps the task as it was, so that "undo" can put it back.
 */
export async function applyToTask(
  ctx: ExecContext,
  intent: TargetedIntent,
  task: TaskView,
): Promise<TurnOutcome> {
  const outcome = await applyChange(ctx, intent, task);
  if (outcome.actions.length === 0) return outcome;
  const undo: UndoStep[] = [
    intent.type === "delete"
      ? { kind: "deleted", task_id: task.id, title: task.title }
      : { kind: "updated", before: task },
  ];
  return { ...outcome, undo };
}

// "complete", "reopen", "delete" and "cancel_reminder" share one intent shape; this picks by type
// all the same, so that each part below names the intents it carries out.
type IntentOf<T extends TargetedIntent["type"]> = TargetedIntent & { type: T };

/** Routes an intent to the change it makes: tags, another field, the status, or the schedule. */
function applyChange(ctx: ExecContext, intent: TargetedIntent, task: TaskView): Promise<TurnOutcome> {
  switch (intent.type) {
    case "add_tags":
    case "remove_tags":
    case "set_tags":
      return applyTags(ctx, intent, task);
    case "set_priority":
    case "rename":
    case "set_due":
    case "set_description":
      return applyField(ctx, intent, task);
    case "shift_due":
      return shiftDue(ctx, intent, task);
    case "complete":
    case "reopen":
    case "delete":
      return applyStatus(ctx, { ...intent, type: intent.type }, task);
    case "cancel_reminder":
      return applyReminder(ctx, { ...intent, type: intent.type }, task);
    case "set_reminder":
    case "remind_before":
      return applyReminder(ctx, intent, task);
    case "cancel_recurrence":
    case "make_recurring":
      return applyRecurrence(ctx, intent, task);
    default: {
      const never: never = intent;
      throw new Error(`unhandled intent ${JSON.stringify(never)}`);
    }
  }
}

async function applyTags(
  ctx: ExecContext,
  intent: IntentOf<"add_tags" | "remove_tags" | "set_tags">,
  task: TaskView,
): Promise<TurnOutcome> {
  const name = quote(task.title);
  const tagsLeft = (tags: string[], none: string) => (tags.length > 0 ? `tags: ${tags.join(", ")}` : none);
  if (intent.type === "add_tags") {
    const { after, changed } = await patch(ctx, task, { tags_add: intent.tags });
    return changed
      ? updated(`I've added the ${tagWord(intent.tags)} to ${name} (tags: ${after.tags.join(", ")}).`, after)
      : unchanged(`${name} already has the ${tagWord(intent.tags)}.`, task);
  }
  if (intent.type === "remove_tags") {
    const { after, changed } = await patch(ctx, task, { tags_remove: intent.tags });
    return changed
      ? updated(
          `I've removed the ${tagWord(intent.tags)} from ${name} (${tagsLeft(after.tags, "no tags left")}).`,
          after,
        )
      : unchanged(`${name} has no ${tagWord(intent.tags)}.`, task);
  }
  const { after, changed } = await patch(ctx, task, { tags: intent.tags });
  const now = tagsLeft(after.tags, "no tags");
  return changed ? updated(`${name} now has ${now}.`, after) : unchanged(`${name} already has ${now}.`, task);
}

async function applyField(
  ctx: ExecContext,
  intent: IntentOf<"set_priority" | "rename" | "set_due" | "set_description">,
  task: TaskView,
): Promise<TurnOutcome> {
  const name = quote(task.title);
  switch (intent.type) {
    case "set_priority": {
      const { after, changed } = await patch(ctx, task, { priority: intent.priority });
      return changed
        ? updated(`I've changed the priority of ${name} to ${intent.priority}.`, after)
        : unchanged(`${name} is already ${intent.priority} priority.`, task);
    }
    case "rename": {
      const { after, changed } = await patch(ctx, task, { title: intent.title });
      return changed
        ? updated(`I've renamed ${name} to ${quote(after.title)}.`, after)
        : unchanged(`${name} is already called that.`, task);
    }
    case "set_due":
      return setDue(ctx, intent, task);
    case "set_description": {
      const appending = intent.append && task.description;
      const description = appending ? `${task.description}\n${intent.description}` : intent.description;
      const { after, changed } = await patch(ctx, task, { description });
      return changed
        ? updated(
            `I've ${appending ? "added to" : "set"} the description of ${name}: "${intent.description}".`,
            after,
          )
        : unchanged(`${name} already says that.`, task);
    }
  }
}

/** "postpone X by a week": its due moved that much later (see shiftedDue), or a question when it has none. */
async function shiftDue(
  ctx: ExecContext,
  intent: IntentOf<"shift_due">,
  task: TaskView,
): Promise<TurnOutcome> {
  const due = shiftedDue(task, intent.minutes, ctx.zone);
  if (due) return setDue(ctx, { type: "set_due", target: intent.target, due }, task);
  const name = quote(task.title);
  return unchanged(
    task.due_date
      ? `${name} has no due time to move by ${leadWords(intent.minutes)}. When should it be due?`
      : `${name} has no due date to move. When should it be due?`,
    task,
  );
}

async function setDue(ctx: ExecContext, intent: IntentOf<"set_due">, task: TaskView): Promise<TurnOutcome> {
  const name = quote(task.title);
  const { after, changed } = await patch(
    ctx,
    task,
    intent.due
      ? dueFields(dueForTask(intent.due, task, ctx.zone), ctx.zone)
      : { due_date: null, due_at: null },
  );
  const reply = intent.due
    ? `${name} is now ${speakDue(after, ctx.now, ctx.zone)}.`
    : `I've removed the due date from ${name}.`;
  return changed ? updated(reply, after) : unchanged(intent.due ? reply : `${name} has no due date.`, task);
}

async function applyStatus(
  ctx: ExecContext,
  intent: IntentOf<"complete" | "reopen" | "delete">,
  task: TaskView,
): Promise<TurnOutcome> {
  const name = quote(task.title);
  if (intent.type === "delete") {
    await ctx.tasks.remove(ctx.user, task.id);
    const actions: ChatAction[] = [{ type: "task.deleted", task_id: task.id }];
    if (task.recurrence_rule?.active && task.series_id)
      actions.push({ type: "recurrence.cancelled", task_id: task.id, series_id: task.series_id });
    return { reply: `I've deleted ${name}.`, actions, lastTaskId: null };
  }
  if (intent.type === "reopen") {
    const { after, changed } = await patch(ctx, task, { status: "pending" });
    return changed ? updated(`I've reopened ${name}.`, after) : unchanged(`${name} is still open.`, task);
  }
  const { after, changed } = await patch(ctx, task, { status: "completed" });
  if (!changed) return unchanged(`${name} is already complete.`, task);
  return {
    reply: `Done: ${name} is marked complete.`,
    actions: [{ type: "task.completed", task_id: after.id }],
    lastTaskId: after.id,
  };
}

async function applyReminder(
  ctx: ExecContext,
  intent: IntentOf<"cancel_reminder" | "set_reminder" | "remind_before">,
  task: TaskView,
): Promise<TurnOutcome> {
  const name = quote(task.title);
  if (intent.type === "remind_before") return remindBefore(ctx, task, intent.minutes);
  if (intent.type === "set_reminder") {
    const { after, changed } = await patch(ctx, task, { reminder_time: intent.at });
    const when = speakInstant(new Date(intent.at), ctx.now, ctx.zone);
    if (!changed) return unchanged(`I'll already remind you about ${name} ${when}.`, task);
    return {
      reply: `I'll remind you about ${name} ${when}.`,
      actions: [
        { type: "reminder.scheduled", task_id: after.id, reminder_time: after.reminder_time ?? intent.at },
      ],
      lastTaskId: after.id,
    };
  }
  if (!task.reminder_time && task.recurrence_rule?.active) return cancelSeriesReminders(ctx, task);
  if (!task.reminder_time) return unchanged(`${name} has no reminder to cancel.`, task);
  const { after } = await patch(ctx, task, { reminder_time: null });
  return {
    reply: `I've cancelled the reminder for ${name}.`,
    actions: [{ type: "reminder.cancelled", task_id: after.id }],
    lastTaskId: after.id,
  };
}

async function applyRecurrence(
  ctx: ExecContext,
  intent: IntentOf<"cancel_recurrence" | "make_recurring">,
  task: TaskView,
): Promise<TurnOutcome> {
  const name = quote(task.title);
  if (intent.type === "make_recurring") {
    const time = task.due_at
      ? wallTimeOf(new Date(task.due_at), ctx.zone).toPlainTime().toString({ smallestUnit: "minute" })
      : undefined;
    const recurrence = task.due_date
      ? anchorToDue(intent.recurrence, task.due_date, time)
      : intent.recurrence;
    const { after } = await patch(ctx, task, { recurrence });
    return updated(`${name} now repeats ${after.recurrence_rule?.text ?? "on a schedule"}.`, after);
  }
  if (!task.recurrence_rule) return unchanged(`${name} isn't a recurring task.`, task);
  if (!task.recurrence_rule.active)
    return unchanged(`The recurring ${taskNoun(task.title)} task is already cancelled.`, task);
  const { after } = await patch(ctx, task, { recurrence: null }, "recurrence");
  return {
    reply: `I've cancelled the recurring ${taskNoun(task.title)} task.`,
    actions: [{ type: "recurrence.cancelled", task_id: after.id, series_id: after.series_id ?? undefined }],
    lastTaskId: after.id,
  };
}

const leadWords = (minutes: number) =>
  minutes % 1440 === 0
    ? `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`
    : minutes % 60 === 0
      ? `${minutes / 60} hour${minutes === 60 ? "" : "s"}`
      : `${minutes} minutes`;

/** "remind me an hour before": counted back from the task's due time, which it must have. */
async function remindBefore(ctx: ExecContext, task: TaskView, minutes: number): Promise<TurnOutcome> {
  const name = quote(task.title);
  if (!task.due_at)
    return unchanged(`${name} has no due time to count back from. When should I remind you about it?`, task);
  const at = new Date(new Date(task.due_at).getTime() - minutes * 60_000);
  if (at <= ctx.now)
    return unchanged(
      `${leadWords(minutes)} before ${name} is already past. When should I remind you instead?`,
      task,
    );
  const { after, changed } = await patch(ctx, task, { reminder_time: at.toISOString() });
  const when = `${speakInstant(at, ctx.now, ctx.zone)}, ${leadWords(minutes)} before it's due`;
  if (!changed) return unchanged(`I'll already remind you about ${name} ${when}.`, task);
  return {
    reply: `I'll remind you about ${name} ${when}.`,
    actions: [
      {
        type: "reminder.scheduled",
        task_id: after.id,
        reminder_time: after.reminder_time ?? at.toISOString(),
      },
    ],
    lastTaskId: after.id,
  };
}

/** A series' reminders are its occurrences: cancelling them stops the series, and the reply says so. */
async function cancelSeriesReminders(ctx: ExecContext, task: TaskView): Promise<TurnOutcome> {
  const { after } = await patch(ctx, task, { recurrence: null }, "recurrence");
  return {
    reply: `${quote(task.title)} reminded you at each occurrence (${task.recurrence_rule?.text}); I've stopped the series, so there will be no more reminders.`,
    actions: [{ type: "recurrence.cancelled", task_id: after.id, series_id: after.series_id ?? undefined }],
    lastTaskId: after.id,
  };
}
