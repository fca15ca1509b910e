import type { Weekday } from "rrule";
import type { FrequencyName, RuleOptions } from "./parse-rrule.ts";

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const NTH = new Map([[1, "first"], [2, "second"], [3, "third"], [4, "fourth"], [5, "fifth"], [-1, "last"], [-2, "second to last"]]);
const UNIT: Record<FrequencyName, string> = { daily: "day", weekly: "week", monthly: "month", yearly: "year" };

export function ordinal(n: number): string {
  if (n === -1) return "last";
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
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

function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function dayPhrase(days: Weekday[], setpos: number[]): string {
  const weekdays = days.map((d) => d.weekday).sort();
  if (days.every((d) => !d.n) && setpos.length === 0) {
    if (weekdays.join() === "0,1,2,3,4") return "weekday";
    if (weekdays.join() === "5,6") return "weekend day";
  }
  return list(days.map((d) => {
    const nth = d.n ?? (setpos.length === 1 ? setpos[0] : undefined);
    const name = DAY_NAMES[d.weekday] ?? "";
    return nth ? `${NTH.get(nth) ?? ordinal(nth)} ${name}` : name;
  }));
}

/**
 * A sentence a person would say for the rule: "every Friday at 2 PM", "every weekday at 8:30 AM",
 * "every month on the 1st at 9 AM", "every other week on Monday at 9 AM".
 */
export function describeRecurrence(frequency: FrequencyName, options: RuleOptions, time: { hour: number; minute: number }, end?: { count?: number; until?: string }): string {
  const interval = options.interval ?? 1;
  const every = interval === 1 ? "every" : interval === 2 ? "every other" : `every ${interval}`;
  const unit = interval > 2 ? `${UNIT[frequency]}s` : UNIT[frequency];
  const days = asArray(options.byweekday as Weekday | Weekday[] | null);
  const setpos = asArray(options.bysetpos);
  const monthDays = asArray(options.bymonthday);
  const months = asArray(options.bymonth);
  let phrase: string;
  if ((frequency === "weekly" || frequency === "daily") && days.length > 0 && interval === 1) {
    phrase = `every ${dayPhrase(days, [])}`;
  } else if (frequency === "weekly" && days.length > 0) {
    phrase = `${every} ${unit} on ${dayPhrase(days, [])}`;
  } else if (frequency === "monthly" && days.length > 0) {
    phrase = `${every} ${unit} on the ${dayPhrase(days, setpos)}`;
  } else if (frequency === "monthly" && monthDays.length > 0) {
    phrase = `${every} ${unit} on the ${list(monthDays.map((d) => (d === -1 ? "last day" : ordinal(d))))}`;
  } else if (frequency === "yearly" && months.length > 0) {
    const day = monthDays.length > 0 ? ` ${list(monthDays.map(String))}` : "";
    phrase = `${every} ${unit} on ${list(months.map((m) => MONTH_NAMES[m - 1] ?? ""))}${day}`;
  } else {
    phrase = `${every} ${unit}`;
  }
  let text = `${phrase} at ${formatTimeOfDay(time.hour, time.minute)}`;
  if (end?.count) text += `, ${end.count} time${end.count === 1 ? "" : "s"}`;
  if (end?.until) text += `, until ${end.until}`;
  return text;
}
