// From the editor's fields (what the user sees, in their zone) to the smallest PATCH body (API.md).
import type { Priority, Task } from "../lib/types.ts";
import { wallClock, zonedInstant } from "../lib/zoned-time.ts";
import { parseTags } from "./filters-url.ts";
import { scheduleFor, type Repeat } from "./schedule-rule.ts";

export interface EditFields {
  title: string;
  description: string;
  /** "YYYY-MM-DD" or "". */
  dueDate: string;
  /** "HH:MM" or "": a date without a time is an all-day task. */
  dueTime: string;
  /** "YYYY-MM-DDTHH:MM" (datetime-local) or "". */
  reminder: string;
  priority: Priority;
  /** Comma-separated. */
  tags: string;
  /** "keep" leaves the schedule as it is. */
  repeat: Repeat;
  /** The RRULE typed for a custom schedule. */
  customRule: string;
}

/** The form as it starts: the task as the user reads it, dates and times in their zone. */
export function fieldsOf(task: Task, zone: string): EditFields {
  const due = task.due_at ? wallClock(new Date(task.due_at), zone) : undefined;
  const reminder = task.reminder_time ? wallClock(new Date(task.reminder_time), zone) : undefined;
  return {
    title: task.title,
    description: task.description,
    dueDate: due?.date ?? task.due_date ?? "",
    dueTime: due?.time ?? "",
    reminder: reminder ? `${reminder.date}T${reminder.time}` : "",
    priority: task.priority,
    tags: task.tags.join(", "),
    repeat: task.recurrence_rule?.active ? "keep" : "none",
    customRule: "",
  };
}

export type EditPatch = { body: Record<string, unknown> } | { error: string };

/** Only what changed; a cleared due date or reminder is sent as null. Times are read in `zone`. */
export function editPatch(before: EditFields, after: EditFields, zone: string): EditPatch {
  const body: Record<string, unknown> = {};
  const title = after.title.trim();
  if (!title) return { error: "The title can't be empty." };
  if (after.dueTime && !after.dueDate) return { error: "Pick a due date for that time, or clear the time." };
  if (title !== before.title) body.title = title;
  if (after.description.trim() !== before.description.trim()) body.description = after.description.trim();
  if (after.priority !== before.priority) body.priority = after.priority;
  if (after.dueDate !== before.dueDate || after.dueTime !== before.dueTime) {
    if (!after.dueDate) Object.assign(body, { due_date: null, due_at: null });
    else if (after.dueTime) body.due_at = zonedInstant(after.dueDate, after.dueTime, zone).toISOString();
    else Object.assign(body, { due_at: null, due_date: after.dueDate });
  }
  if (after.reminder !== before.reminder) {
    const [date = "", time = ""] = after.reminder.split("T");
    body.reminder_time = after.reminder ? zonedInstant(date, time.slice(0, 5), zone).toISOString() : null;
  }
  if (after.repeat !== "keep" && after.repeat !== before.repeat) {
    if (after.repeat !== "none" && !after.dueDate)
      return { error: "Pick a due date: the schedule starts there." };
    const schedule = scheduleFor(after.repeat, after.dueDate, after.dueTime, after.customRule);
    if (schedule && !schedule.rrule) return { error: "Type a rule, such as FREQ=WEEKLY;BYDAY=TU." };
    body.recurrence = schedule ? { ...schedule, timezone: zone } : null;
  }
  const tags = parseTags(after.tags);
  if (tags.join(",") !== parseTags(before.tags).join(",")) body.tags = tags;
  return { body };
}
