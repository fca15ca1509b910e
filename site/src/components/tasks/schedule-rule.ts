// The schedule editor's choices as RFC 5545 rules, anchored on the task's due date and time in the
// user's zone (the backend and the recurring service read dtstart as wall time in that zone).
export type Repeat = "keep" | "none" | "daily" | "weekdays" | "weekly" | "monthly" | "custom";

export const REPEAT_LABELS: Record<Exclude<Repeat, "keep">, string> = {
  none: "Doesn't repeat",
  daily: "Every day",
  weekdays: "Every weekday",
  weekly: "Every week",
  monthly: "Every month",
  custom: "Custom rule (RRULE)",
};

const BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

export interface Schedule {
  rrule: string;
  /** "2027-03-12T18:30:00" with a time, "2027-03-12" without (all day). */
  dtstart: string;
}

/** The rule for a choice on `date` ("YYYY-MM-DD") at `time` ("HH:MM" or ""); null for none or keep. */
export function scheduleFor(repeat: Repeat, date: string, time: string, custom = ""): Schedule | null {
  if (repeat === "none" || repeat === "keep") return null;
  const dtstart = time ? `${date}T${time}:00` : date;
  const at = time ? `;BYHOUR=${Number(time.slice(0, 2))};BYMINUTE=${Number(time.slice(3, 5))}` : "";
  const weekday = BYDAY[new Date(`${date}T00:00:00Z`).getUTCDay()];
  const rules: Record<Exclude<Repeat, "none" | "keep">, string> = {
    daily: `FREQ=DAILY${at}`,
    weekdays: `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR${at}`,
    weekly: `FREQ=WEEKLY;BYDAY=${weekday}${at}`,
    monthly: `FREQ=MONTHLY;BYMONTHDAY=${Number(date.slice(8, 10))}${at}`,
    custom: custom.trim().replace(/^RRULE:/i, ""),
  };
  return { rrule: rules[repeat], dtstart };
}
