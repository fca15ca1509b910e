import type { Static } from "elysia";
import { occurrenceTaskId } from "@todo/schemas";
import type { SeriesRow, TaskRow } from "../db/schema.ts";
import { checkDisplayText, Validation } from "@todo/service-kit";
import { isDateOnly } from "../recurrence/date-only.ts";
import { normalizeRecurrence, type RecurrenceInput } from "../recurrence/normalize-recurrence.ts";
import { isValidDate, localDateOf } from "../time/zoned.ts";
import type { TaskCreate, TaskPatch } from "./model.ts";
import { applyTagEdits, normalizeTags } from "./tags.ts";
import type { TaskChange } from "./task-events.ts";
import { parseInstant } from "../time/instant.ts";

export type CreateInput = Static<typeof TaskCreate>;
export type PatchInput = Static<typeof TaskPatch>;

export interface Context {
  userId: string;
  zone: string;
  now: Date;
}

/** What a mutation decided: the task's new row, and the series row to insert or update, if any. */
export interface Decision {
  task: TaskRow;
  series: SeriesRow | null;
  seriesWrite: "none" | "insert" | "update";
  change: TaskChange;
}

// A reminder may be set a little in the past (clock skew, slow typing); it then fires at once.
const REMINDER_PAST_TOLERANCE_MS = 60_000;

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new Validation("title", "must not be empty");
  return checkDisplayText("title", trimmed);
}

const requestInstant = (field: string, value: string) =>
  parseInstant(field, value, "must be an ISO 8601 instant with offset");

/** due_at decides due_date (its date in the user's zone); a due_date alone has no time. */
function decideDue(
  input: { due_date?: string | null; due_at?: string | null },
  current: Pick<TaskRow, "dueDate" | "dueAt">,
  zone: string,
) {
  let dueDate = current.dueDate;
  let dueAt = current.dueAt;
  if (input.due_date !== undefined) {
    if (input.due_date !== null && !isValidDate(input.due_date))
      throw new Validation("due_date", `'${input.due_date}' is not a real date (YYYY-MM-DD)`);
    dueDate = input.due_date;
    if (input.due_date === null || (dueAt && localDateOf(dueAt, zone) !== input.due_date)) dueAt = null;
  }
  if (input.due_at !== undefined) {
    dueAt = input.due_at === null ? null : requestInstant("due_at", input.due_at);
    if (dueAt) {
      const local = localDateOf(dueAt, zone);
      if (input.due_date && input.due_date !== local)
        throw new Validation("due_date", `does not match due_at, which falls on ${local} in ${zone}`);
      dueDate = local;
    }
  }
  return { dueDate, dueAt };
}

function decideReminder(
  value: string | null | undefined,
  current: Pick<TaskRow, "reminderId" | "reminderTime">,
  now: Date,
) {
  if (value === undefined) return { reminderId: current.reminderId, reminderTime: current.reminderTime };
  if (value === null) return { reminderId: null, reminderTime: null };
  const time = requestInstant("reminder_time", value);
  if (time.getTime() < now.getTime() - REMINDER_PAST_TOLERANCE_MS)
    throw new Validation("reminder_time", "is in the past");
  // Setting the same time again is no change: the reminder keeps its id and is not rescheduled.
  if (current.reminderTime?.getTime() === time.getTime() && current.reminderId)
    return { reminderId: current.reminderId, reminderTime: time };
  return { reminderId: crypto.randomUUID(), reminderTime: time };
}

function newSeries(input: RecurrenceInput, ctx: Context) {
  const rule = normalizeRecurrence(input, ctx.zone, ctx.now);
  const series: SeriesRow = {
    id: crypto.randomUUID(),
    userId: ctx.userId,
    rrule: rule.rrule,
    dtstart: rule.dtstart,
    timezone: rule.timezone,
    count: rule.count,
    until: rule.until,
    text: rule.text,
    active: true,
    cancelledAt: null,
    createdAt: ctx.now,
  };
  return { series, firstOccurrence: rule.firstOccurrence };
}

/** Due at the occurrence; a date-only series' instance is due on its local date, with no time. */
function dueAtOccurrence(series: SeriesRow, occurrenceAt: Date): Pick<TaskRow, "dueAt" | "dueDate"> {
  return {
    dueAt: isDateOnly(series) ? null : occurrenceAt,
    dueDate: localDateOf(occurrenceAt, series.timezone),
  };
}

export function decideCreate(input: CreateInput, ctx: Context): Decision {
  const empty = { dueDate: null, dueAt: null, reminderId: null, reminderTime: null };
  let task: TaskRow = {
    id: Bun.randomUUIDv7(),
    userId: ctx.userId,
    title: checkTitle(input.title),
    description: input.description?.trim() ?? "",
    status: "pending",
    priority: input.priority ?? "medium",
    tags: normalizeTags(input.tags ?? []),
    ...decideDue(input, empty, ctx.zone),
    seriesId: null,
    occurrenceAt: null,
    ...decideReminder(input.reminder_time, empty, ctx.now),
    completedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  if (!input.recurrence) return { task, series: null, seriesWrite: "none", change: "created" };
  if (input.due_at || input.due_date)
    throw new Validation(
      "due_at",
      "a recurring task is due at each occurrence; leave due_date and due_at out",
    );
  const { series, firstOccurrence } = newSeries(input.recurrence, ctx);
  // The task is the series' first instance, due at the first occurrence, under the id every
  // service derives for that occurrence (schemas' occurrenceTaskId).
  task = {
    ...task,
    id: occurrenceTaskId(series.id, firstOccurrence),
    seriesId: series.id,
    occurrenceAt: firstOccurrence,
    ...dueAtOccurrence(series, firstOccurrence),
  };
  return { task, series, seriesWrite: "insert", change: "created" };
}

export function decidePatch(
  current: TaskRow,
  currentSeries: SeriesRow | null,
  patch: PatchInput,
  ctx: Context,
): Decision {
  let task: TaskRow = {
    ...current,
    title: patch.title !== undefined ? checkTitle(patch.title) : current.title,
    description: patch.description !== undefined ? patch.description.trim() : current.description,
    priority: patch.priority ?? current.priority,
    tags: applyTagEdits(current.tags, patch),
    ...decideDue(patch, current, ctx.zone),
    ...decideReminder(patch.reminder_time, current, ctx.now),
    updatedAt: ctx.now,
  };
  if (patch.status !== undefined && patch.status !== current.status) {
    task = { ...task, status: patch.status, completedAt: patch.status === "completed" ? ctx.now : null };
  }
  const change: TaskChange =
    task.status === "completed" && current.status !== "completed" ? "completed" : "updated";
  if (patch.recurrence === undefined) return { task, series: currentSeries, seriesWrite: "none", change };
  if (patch.recurrence === null) {
    if (!currentSeries?.active) return { task, series: currentSeries, seriesWrite: "none", change };
    return { task, series: cancelSeries(currentSeries, ctx.now), seriesWrite: "update", change };
  }
  const { series, firstOccurrence } = newSeries(patch.recurrence, ctx);
  if (currentSeries) {
    // Same series, new rule: existing instances stay as they are; future fires follow the new rule.
    return {
      task,
      series: { ...series, id: currentSeries.id, createdAt: currentSeries.createdAt },
      seriesWrite: "update",
      change,
    };
  }
  task = {
    ...task,
    seriesId: series.id,
    occurrenceAt: firstOccurrence,
    ...dueAtOccurrence(series, firstOccurrence),
  };
  return { task, series, seriesWrite: "insert", change };
}

export function cancelSeries(series: SeriesRow, now: Date): SeriesRow {
  return { ...series, active: false, cancelledAt: now };
}

/**
 * A deleted task comes back as it was; the series its deletion stopped starts again. A reminder
 * whose time passed while it was deleted is dropped rather than fired late; a task whose series
 * is gone comes back on its own.
 */
export function decideRestore(
  deleted: TaskRow,
  series: SeriesRow | null,
  deletionStoppedSeries: boolean,
  now: Date,
): Decision {
  let task: TaskRow = { ...deleted, seriesId: series ? deleted.seriesId : null, updatedAt: now };
  if (task.reminderTime && task.reminderTime.getTime() < now.getTime() - REMINDER_PAST_TOLERANCE_MS)
    task = { ...task, reminderId: null, reminderTime: null };
  if (!series || !deletionStoppedSeries || series.active)
    return { task, series, seriesWrite: "none", change: "created" };
  return {
    task,
    series: { ...series, active: true, cancelledAt: null },
    seriesWrite: "update",
    change: "created",
  };
}
