import type { RecurrenceRule, TaskSnapshot, TaskSummary } from "@todo/schemas";
import { parseRule, WEEKDAYS } from "@todo/schemas/recurrence";
import type { TaskView } from "@todo/schemas/api";
import type { SeriesRow, TaskRow } from "../db/schema.ts";
import { isDateOnly } from "../recurrence/date-only.ts";
import { taskFrequencyOf } from "../recurrence/task-schedule-policy.ts";

export type { TaskView };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const pad = (n: number) => String(n).padStart(2, "0");

/** The API's `recurrence` object, derived from the stored rule (plus `series_id` for events). */
export function recurrenceOf(series: SeriesRow): RecurrenceRule {
  // The stored rule was checked by the recurrence core and the task policy when it was written.
  const parsed = parseRule(series.rrule);
  if (!parsed.ok)
    throw new Error(
      `series ${series.id} holds a rule the recurrence core refuses: ${parsed.problem.message}`,
    );
  const parts = parsed.value;
  const policy = taskFrequencyOf(parts);
  const dateOnly = isDateOnly(series);
  const rule: RecurrenceRule = {
    series_id: series.id,
    rrule: series.rrule,
    timezone: series.timezone,
    dtstart: series.dtstart,
    frequency: "frequency" in policy ? policy.frequency : "daily",
    interval: parts.interval,
    time_of_day: dateOnly ? null : `${pad(parts.byhour?.[0] ?? 0)}:${pad(parts.byminute?.[0] ?? 0)}`,
    text: series.text,
    active: series.active,
  };
  // weekdays holds plain codes (MO…SU) per the contract; an nth weekday (-1FR) is told by `text`.
  const plain = (parts.byday ?? []).filter((d) => d.n === undefined).map((d) => WEEKDAYS[d.weekday]!);
  if (plain.length > 0) rule.weekdays = plain;
  if (parts.bymonthday) rule.month_days = parts.bymonthday;
  if (series.count !== null) rule.count = series.count;
  if (series.until) rule.until = series.until.toISOString();
  return rule;
}

/** API.md's `task`. */
export function toTaskView(row: TaskRow, series: SeriesRow | null | undefined): TaskView {
  let recurrence: TaskView["recurrence_rule"] = null;
  if (series) {
    const { series_id: _omit, ...rest } = recurrenceOf(series);
    recurrence = rest;
  }
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    tags: row.tags,
    due_date: row.dueDate,
    due_at: iso(row.dueAt),
    recurrence_rule: recurrence,
    series_id: row.seriesId,
    occurrence_at: iso(row.occurrenceAt),
    reminder_time: iso(row.reminderTime),
    completed_at: iso(row.completedAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The payload snapshot `task-events` carries. */
export function snapshotOf(row: TaskRow, series: SeriesRow | null | undefined): TaskSnapshot {
  return {
    title: row.title,
    description: row.description,
    priority: row.priority,
    tags: row.tags,
    due_date: row.dueDate,
    due_at: iso(row.dueAt),
    recurrence_rule: series ? recurrenceOf(series) : null,
    series_id: row.seriesId,
    occurrence_at: iso(row.occurrenceAt),
    reminder_id: row.reminderId,
    reminder_time: iso(row.reminderTime),
    status: row.status,
    completed_at: iso(row.completedAt),
  };
}

/** The summary `task-updates` carries for live UIs. */
export function summaryOf(row: TaskRow, series: SeriesRow | null | undefined): TaskSummary {
  return {
    title: row.title,
    priority: row.priority,
    tags: row.tags,
    status: row.status,
    due_date: row.dueDate,
    due_at: iso(row.dueAt),
    reminder_time: iso(row.reminderTime),
    series_id: row.seriesId,
    recurrence_text: series?.active ? series.text : null,
  };
}
