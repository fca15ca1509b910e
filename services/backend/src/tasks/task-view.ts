import type { Weekday } from "rrule";
import type { RecurrenceRule, TaskSnapshot, TaskSummary } from "@todo/schemas";
import type { Static } from "elysia";
import type { SeriesRow, TaskRow } from "../db/schema.ts";
import { parseRrule } from "../recurrence/parse-rrule.ts";
import type { TaskView as TaskViewSchema } from "./model.ts";

export type TaskView = Static<typeof TaskViewSchema>;

const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const asArray = <T>(v: T | T[] | null | undefined): T[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The API's `recurrence` object, derived from the stored rule (plus `series_id` for events). */
export function recurrenceOf(series: SeriesRow): RecurrenceRule {
  const { options, frequency } = parseRrule(series.rrule);
  const weekdays = asArray(options.byweekday as Weekday | Weekday[] | null).map((d) => `${d.n ?? ""}${WEEKDAY_CODES[d.weekday]}`);
  const monthDays = asArray(options.bymonthday);
  const hour = asArray(options.byhour)[0] ?? 0;
  const minute = asArray(options.byminute)[0] ?? 0;
  const rule: RecurrenceRule = {
    series_id: series.id,
    rrule: series.rrule,
    timezone: series.timezone,
    dtstart: series.dtstart,
    frequency,
    interval: options.interval ?? 1,
    time_of_day: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`,
    text: series.text,
    active: series.active,
  };
  // weekdays holds plain codes (MO…SU) per the contract; an nth weekday (-1FR) is told by `text`.
  const plain = weekdays.filter((d) => /^[A-Z]{2}$/.test(d)) as RecurrenceRule["weekdays"];
  if (plain && plain.length > 0) rule.weekdays = plain;
  if (monthDays.length > 0) rule.month_days = monthDays;
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
