import type { ByDay, Frequency, RuleParts } from "./parse-rrule.ts";

/** Monday first, as ISO weekdays count (1 = Monday): `DAY_NAMES[isoWeekday - 1]`. */
export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const NTH = new Map([
  [1, "first"],
  [2, "second"],
  [3, "third"],
  [4, "fourth"],
  [5, "fifth"],
  [-1, "last"],
  [-2, "second to last"],
]);
const UNIT: Record<Frequency, string> = {
  YEARLY: "year",
  MONTHLY: "month",
  WEEKLY: "week",
  DAILY: "day",
  HOURLY: "hour",
  MINUTELY: "minute",
  SECONDLY: "second",
};

export function ordinal(n: number): string {
  if (n === -1) return "last";
  const suffix =
    n % 100 >= 11 && n % 100 <= 13
      ? "th"
      : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** `14:00` → `2 PM`, `08:30` → `8:30 AM`, `00:00` → `12 AM`. */
export function formatTimeOfDay(hour: number, minute: number): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? "AM" : "PM";
  return minute === 0 ? `${h12} ${suffix}` : `${h12}:${String(minute).padStart(2, "0")} ${suffix}`;
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function dayPhrase(days: ByDay[], setpos: number[]): string {
  const weekdays = days.map((d) => d.weekday).sort();
  const setName =
    weekdays.join() === "0,1,2,3,4" ? "weekday" : weekdays.join() === "5,6" ? "weekend day" : undefined;
  if (days.every((d) => !d.n) && setpos.length === 0 && setName) return setName;
  // BYSETPOS picks one day of the set: "the last weekday", "the first Monday or Tuesday", not each day's own last.
  if (days.length > 1 && days.every((d) => !d.n) && setpos.length === 1) {
    const nth = NTH.get(setpos[0]!) ?? ordinal(setpos[0]!);
    return `${nth} ${setName ?? weekdays.map((d) => DAY_NAMES[d]).join(" or ")}`;
  }
  return list(
    days.map((d) => {
      const nth = d.n ?? (setpos.length === 1 ? setpos[0] : undefined);
      const name = DAY_NAMES[d.weekday] ?? "";
      return nth ? `${NTH.get(nth) ?? ordinal(nth)} ${name}` : name;
    }),
  );
}

/**
 * A sentence a person would say for the rule: "every Friday at 2 PM", "every weekday at 8:30 AM",
 * "every month on the 1st at 9 AM", "every other week on Monday at 9 AM"; with no time of day (a
 * date-only series) just "every Friday".
 * @example describeRule(parseRrule("FREQ=WEEKLY;BYDAY=FR"), { hour: 14, minute: 0 }) // "every Friday at 2 PM"
 */
export function describeRule(
  parts: RuleParts,
  time: { hour: number; minute: number } | null,
  end?: { count?: number; until?: string },
): string {
  const { freq, interval } = parts;
  const every = interval === 1 ? "every" : interval === 2 ? "every other" : `every ${interval}`;
  const unit = interval > 2 ? `${UNIT[freq]}s` : UNIT[freq];
  const days = parts.byday ?? [];
  const setpos = parts.bysetpos ?? [];
  const monthDays = parts.bymonthday ?? [];
  const months = parts.bymonth ?? [];
  let phrase: string;
  if ((freq === "WEEKLY" || freq === "DAILY") && days.length > 0 && interval === 1) {
    phrase = `every ${dayPhrase(days, [])}`;
  } else if (freq === "WEEKLY" && days.length > 0) {
    phrase = `${every} ${unit} on ${dayPhrase(days, [])}`;
  } else if (freq === "MONTHLY" && days.length > 0) {
    phrase = `${every} ${unit} on the ${dayPhrase(days, setpos)}`;
  } else if (freq === "MONTHLY" && monthDays.length > 0) {
    phrase = `${every} ${unit} on the ${list(monthDays.map((d) => (d === -1 ? "last day" : ordinal(d))))}`;
  } else if (freq === "YEARLY" && months.length > 0) {
    const day = monthDays.length > 0 ? ` ${list(monthDays.map(String))}` : "";
    phrase = `${every} ${unit} on ${list(months.map((m) => MONTH_NAMES[m - 1] ?? ""))}${day}`;
  } else {
    phrase = `${every} ${unit}`;
  }
  // Several hours with one minute ("BYHOUR=8,20;BYMINUTE=0"): "at 8 AM and 8 PM".
  const hours = time && (parts.byhour?.length ?? 0) > 1 ? parts.byhour! : time ? [time.hour] : [];
  let text = time ? `${phrase} at ${list(hours.map((hour) => formatTimeOfDay(hour, time.minute)))}` : phrase;
  if (end?.count) text += `, ${end.count} time${end.count === 1 ? "" : "s"}`;
  if (end?.until) text += `, until ${end.until}`;
  return text;
}
