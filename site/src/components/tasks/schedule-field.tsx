import { useEffect, useState } from "react";
import { api } from "../lib/api.ts";
import { dateTime, dateOnly } from "../lib/format.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { RecurrencePreview } from "../lib/types.ts";
import { REPEAT_LABELS, scheduleFor, type Repeat, type Schedule } from "./schedule-rule.ts";

interface Props {
  id: string;
  /** The rule the task repeats on today, in words ("every Monday at 9 AM"), if any. */
  current: string | undefined;
  repeat: Repeat;
  custom: string;
  /** The editor's due date and time: the schedule starts there. */
  date: string;
  time: string;
  zone: string;
  onChange: (repeat: Repeat, custom: string) => void;
}

type Preview = RecurrencePreview | { error: string } | undefined;

/** Repeat: a few common choices or an RRULE, with the next three occurrences from the recurring service. */
export function ScheduleField({ id, current, repeat, custom, date, time, zone, onChange }: Props) {
  const schedule = date ? scheduleFor(repeat, date, time, custom) : null;
  const preview = usePreview(schedule, zone);
  return (
    <div className="field wide schedule-field">
      <label htmlFor={id}>Repeat</label>
      <select id={id} value={repeat} onChange={(e) => onChange(e.target.value as Repeat, custom)}>
        {current && <option value="keep">Keep: {current}</option>}
        {Object.entries(REPEAT_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {current && value === "none" ? "Stop repeating" : label}
          </option>
        ))}
      </select>
      {repeat === "custom" && (
        <input
          aria-label="Rule (RRULE)"
          value={custom}
          placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
          onChange={(e) => onChange(repeat, e.target.value)}
        />
      )}
      {repeat !== "keep" && repeat !== "none" && !date && (
        <small>Pick a due date: the schedule starts there.</small>
      )}
      {schedule && (
        <div className="preview" role="status" aria-label="Next occurrences">
          {preview === undefined && <small>Working out the next dates…</small>}
          {preview && "error" in preview && <small className="error">{preview.error}</small>}
          {preview && "occurrences" in preview && (
            <small>
              Next:{" "}
              {preview.occurrences
                .map((at) => (time ? dateTime(at, zone) : dateOnly(at.slice(0, 10))))
                .join(" · ")}
            </small>
          )}
        </div>
      )}
    </div>
  );
}

// The preview follows the rule as it is typed, a moment after the last change.
function usePreview(schedule: Schedule | null, zone: string): Preview {
  const [preview, setPreview] = useState<Preview>();
  const key = schedule ? `${schedule.rrule}|${schedule.dtstart}` : "";
  useEffect(() => {
    setPreview(undefined);
    if (!schedule?.rrule) return;
    let current = true;
    const timer = setTimeout(() => {
      api<RecurrencePreview>("POST", "/api/recurrences/preview", {
        rrule: schedule.rrule,
        dtstart: schedule.dtstart,
        timezone: zone,
        count: 3,
      })
        .then((answer) => current && setPreview({ occurrences: answer.occurrences }))
        .catch((failure) => current && setPreview({ error: plainMessage(failure) }));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, zone]);
  return preview;
}
