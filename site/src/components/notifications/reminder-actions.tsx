import { useState } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { Task } from "../lib/types.ts";
import { daysBetween, wallClock, zonedInstant } from "../lib/zoned-time.ts";

export type Snooze = "10m" | "1h" | "tomorrow";
const SNOOZES: { value: Snooze; label: string }[] = [
  { value: "10m", label: "10 min" },
  { value: "1h", label: "1 hour" },
  { value: "tomorrow", label: "Tomorrow" },
];

/** When a snoozed reminder comes back: in 10 minutes, in an hour, or tomorrow at 9 AM in the user's zone. */
export function snoozeUntil(choice: Snooze, now: Date, zone: string): Date {
  if (choice === "10m") return new Date(now.getTime() + 10 * 60_000);
  if (choice === "1h") return new Date(now.getTime() + 60 * 60_000);
  const today = wallClock(now, zone).date;
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return daysBetween(today, tomorrow) === 1
    ? zonedInstant(tomorrow, "09:00", zone)
    : new Date(now.getTime() + 86_400_000);
}

interface Props {
  taskId: string;
  title: string;
  zone: string;
  /** Puts the task in view (and focus on it). */
  onOpen: (taskId: string) => void;
  /** After Complete or Snooze went through: the reminder is dealt with. */
  onDone: () => void;
}

/** Complete / Snooze (10 min, 1 hour, tomorrow) / Open, for a reminder in a toast or in the bell. */
export function ReminderActions({ taskId, title, zone, onOpen, onDone }: Props) {
  const [error, setError] = useState<string>();
  const run = (call: () => Promise<unknown>) => {
    setError(undefined);
    call().then(onDone, (failure) => setError(plainMessage(failure)));
  };
  const snooze = (choice: Snooze) =>
    run(() =>
      api<Task>("PATCH", `/api/tasks/${taskId}`, {
        reminder_time: snoozeUntil(choice, new Date(), zone).toISOString(),
      }),
    );
  return (
    <div className="reminder-actions">
      <button
        type="button"
        onClick={() => run(() => api<Task>("POST", `/api/tasks/${taskId}/complete`))}
        aria-label={`Complete ${title}`}
      >
        Complete
      </button>
      <span className="snooze" role="group" aria-label={`Snooze ${title}`}>
        {SNOOZES.map((s) => (
          <button
            key={s.value}
            type="button"
            onClick={() => snooze(s.value)}
            aria-label={`Snooze ${title} ${s.label === "Tomorrow" ? "until tomorrow" : `for ${s.label}`}`}
          >
            {s.label}
          </button>
        ))}
      </span>
      <button type="button" onClick={() => onOpen(taskId)} aria-label={`Open ${title}`}>
        Open
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
