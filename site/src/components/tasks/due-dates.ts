// What a task's due date means today, in the user's zone: "Today", "Tomorrow", "Friday", "Overdue",
// and which section of the list it belongs to. Plain functions of (task, zone, now), so a zone
// change or midnight re-reads every task the same way.
import type { Task } from "../lib/types.ts";
import { daysBetween, wallClock } from "../lib/zoned-time.ts";

export type Section = "overdue" | "today" | "upcoming" | "none";
export const SECTION_TITLES: Record<Section, string> = {
  overdue: "Overdue",
  today: "Today",
  upcoming: "Upcoming",
  none: "No date",
};
const ORDER: Section[] = ["overdue", "today", "upcoming", "none"];

export interface Due {
  /** The task's day in the zone ("2027-03-08") and its time there ("09:00"), when it has one. */
  date: string;
  time?: string;
  /** "Today", "Tomorrow", "Friday", "Mar 15", "Mar 15, 2028", "Yesterday". */
  day: string;
  overdue: boolean;
  /** Its time came within the last few minutes (JUST_DUE_MS): it reads "Now", not yet "Overdue". */
  justDue: boolean;
}

// A task due at 10:00 is not late at 10:01: red "Overdue" that early reads as a scolding, and
// the person is likely doing it right now.
const JUST_DUE_MS = 5 * 60_000;

const WEEKDAY = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" });
const MONTH_DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const MONTH_DAY_YEAR = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "Today", "Tomorrow", a weekday name for the next six days, else the date (with the year if not this one). */
export function dayLabel(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return "Today";
  if (days === 1) return "Tomorrow";
  if (days === -1) return "Yesterday";
  const utc = new Date(`${date}T00:00:00Z`);
  if (days > 1 && days < 7) return WEEKDAY.format(utc);
  return (date.slice(0, 4) === today.slice(0, 4) ? MONTH_DAY : MONTH_DAY_YEAR).format(utc);
}

/** "9:00 AM" for "09:00". */
export function timeLabel(time: string): string {
  const [h = 0, m = 0] = time.split(":").map(Number);
  return `${h % 12 || 12}:${String(m).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

/** The task's due day and time read in `zone`, or null without a due date. */
export function dueOf(
  task: Pick<Task, "due_at" | "due_date" | "status">,
  zone: string,
  now: Date,
): Due | null {
  const today = wallClock(now, zone).date;
  const pending = task.status === "pending";
  if (task.due_at) {
    const { date, time } = wallClock(new Date(task.due_at), zone);
    const late = now.getTime() - Date.parse(task.due_at);
    const justDue = pending && late >= 0 && late <= JUST_DUE_MS;
    return { date, time, day: dayLabel(date, today), overdue: pending && late > JUST_DUE_MS, justDue };
  }
  if (task.due_date)
    return {
      date: task.due_date,
      day: dayLabel(task.due_date, today),
      overdue: pending && task.due_date < today,
      justDue: false,
    };
  return null;
}

/** A short line for a due date: "Now", "Today 9:00 AM", "Friday", "Mar 15, 2:00 PM". */
export const dueText = (due: Due) =>
  due.justDue
    ? "Now"
    : due.time
      ? `${due.day}${/^[A-Z][a-z]{2} \d/.test(due.day) ? "," : ""} ${timeLabel(due.time)}`
      : due.day;

/** A reminder's time read like a due date: "Today 6:03 PM", "Tomorrow 9:00 AM", in `zone`. */
export function reminderText(instant: string, zone: string, now: Date): string {
  const at = wallClock(new Date(instant), zone);
  return dueText({
    date: at.date,
    time: at.time,
    day: dayLabel(at.date, wallClock(now, zone).date),
    overdue: false,
    justDue: false,
  });
}

export function sectionOf(task: Task, zone: string, now: Date): Section {
  const due = dueOf(task, zone, now);
  if (!due) return "none";
  if (due.overdue) return "overdue";
  // Still Now just after midnight, when its day is already yesterday.
  if (due.justDue) return "today";
  return due.date === wallClock(now, zone).date ? "today" : "upcoming";
}

// Date-only tasks come first on their day (all day), then by time; ties keep the server's order.
const sortKey = (task: Task, zone: string, now: Date) => {
  const due = dueOf(task, zone, now);
  return due ? `${due.date} ${due.time ?? ""}` : "";
};

/** Pending tasks in their sections (empty ones left out), each sorted by its day and time in `zone`. */
export function groupBySection(
  tasks: Task[],
  zone: string,
  now: Date,
): { section: Section; tasks: Task[] }[] {
  const keyed = tasks.map((task, i) => ({
    task,
    i,
    key: sortKey(task, zone, now),
    section: sectionOf(task, zone, now),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return ORDER.map((section) => ({
    section,
    tasks: keyed.filter((k) => k.section === section).map((k) => k.task),
  })).filter((g) => g.tasks.length > 0);
}
