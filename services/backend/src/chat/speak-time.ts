import { Temporal } from "temporal-polyfill";
import { DAY_NAMES, MONTH_NAMES, formatTimeOfDay } from "@todo/schemas/recurrence";
import { localDateOf, wallTimeOf } from "../time/zoned.ts";

/**
 * A date as a person says it, relative to today in the user's zone: "today", "tomorrow",
 * "Friday" within the coming week, "on 11 December" beyond it (and "on 11 December 2027" in another year).
 */
export function speakDate(date: string, now: Date, zone: string): string {
  const day = Temporal.PlainDate.from(date);
  const today = Temporal.PlainDate.from(localDateOf(now, zone));
  const ahead = today.until(day).days;
  if (ahead === 0) return "today";
  if (ahead === 1) return "tomorrow";
  if (ahead === -1) return "yesterday";
  if (ahead > 1 && ahead < 7) return DAY_NAMES[day.dayOfWeek - 1]!;
  const year = day.year === today.year ? "" : ` ${day.year}`;
  return `on ${day.day} ${MONTH_NAMES[day.month - 1]}${year}`;
}

/** An instant in the user's zone: "tomorrow at 9 AM", "Friday at 2:30 PM". */
export function speakInstant(instant: Date, now: Date, zone: string): string {
  const wall = wallTimeOf(instant, zone);
  return `${speakDate(localDateOf(instant, zone), now, zone)} at ${formatTimeOfDay(wall.hour, wall.minute)}`;
}

/** A task's due date for replies and questions: "due Friday", "due tomorrow at 5 PM", "no date". */
export function speakDue(
  task: { due_date: string | null; due_at: string | null },
  now: Date,
  zone: string,
): string {
  if (task.due_at) return `due ${speakInstant(new Date(task.due_at), now, zone).replace(/^on /, "")}`;
  if (task.due_date) return `due ${speakDate(task.due_date, now, zone).replace(/^on /, "")}`;
  return "no date";
}

/** Every way a follow-up might name this date: "friday", "fri", "tomorrow", "4 december", "2026-12-04". */
export function dateLabels(date: string, now: Date, zone: string): string[] {
  const day = Temporal.PlainDate.from(date);
  const name = DAY_NAMES[day.dayOfWeek - 1]!.toLowerCase();
  const month = MONTH_NAMES[day.month - 1]!.toLowerCase();
  const labels = [
    date,
    name,
    name.slice(0, 3),
    `${day.day} ${month}`,
    `${month} ${day.day}`,
    `${day.day} ${month.slice(0, 3)}`,
    `${month.slice(0, 3)} ${day.day}`,
  ];
  const spoken = speakDate(date, now, zone);
  if (!spoken.startsWith("on ")) labels.push(spoken);
  return labels;
}
