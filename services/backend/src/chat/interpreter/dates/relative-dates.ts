import type { Temporal } from "temporal-polyfill";
import { wallTimeOf } from "../../../time/zoned.ts";
import type { Moment } from "./moment.ts";
import { numberValue } from "../words/vocabulary.ts";

/**
 * The date phrases read here rather than by chrono: spans of time from now ("in 2 hours",
 * "in half an hour", "3 days from now") and "next week" / "next month" / "the 15th". Hours and minutes
 * are added to the instant, so "in 2 hours" across a DST change is still two real hours later;
 * days and longer move the calendar date in the user's zone.
 */

type Found = { moment: Moment; start: number; end: number };

const AMOUNT = String.raw`(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|ninety|a couple of|a few)`;
const UNIT = String.raw`(minutes?|mins?|m|hours?|hrs?|hr|h|days?|weeks?|wks?|months?|mos?)`;
const CORE = String.raw`(?:(half an? hour|an? hour and a half)|${AMOUNT}\s*${UNIT}(?:\s*(?:and\s*)?(?:(a half)|(\d+)\s*(?:minutes?|mins?|m)))?)`;
// "in 2 hours", "within 3 days", "2 hours from now"; a bare "2 days" (as in "2 days supply") is no date,
// except as the last words of the message, where Todoist reads "renew passport 5 days" as 5 days
// from now. Only days and longer: a bare "meditate 20 minutes" says how long, not when.
const SPAN = new RegExp(String.raw`\b(in|within|after)?\s*\b${CORE}(\s+from\s+(?:now|today))?\b`, "gi");
const LAST_WORDS_SPAN = /^\s+\d+\s*(?:days?|weeks?|wks?|months?)$/i;

function findSpan(text: string): RegExpExecArray | undefined {
  const pattern = new RegExp(SPAN.source, "gi");
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[1] || m[7]) return m;
    if (m.index + m[0].length === text.length && LAST_WORDS_SPAN.test(m[0])) return m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return undefined;
}

function amountOf(word: string): number | undefined {
  const text = word.toLowerCase();
  if (text === "a couple of") return 2;
  if (text === "a few") return 3;
  if (/^\d+\.\d+$/.test(text)) return Number(text);
  return numberValue(text);
}

function spanMoment(m: RegExpExecArray, now: Date, zone: string): Moment | undefined {
  const [, , halfHour, amountText, unitText, aHalf, extraMinutes] = m;
  let minutes: number | undefined;
  if (halfHour) minutes = /half an? hour/i.test(halfHour) ? 30 : 90;
  const amount = amountText ? amountOf(amountText) : undefined;
  const unit = unitText?.toLowerCase() ?? "";
  if (amount !== undefined && /^(m|mins?|minutes?)$/.test(unit)) minutes = amount;
  if (amount !== undefined && /^(h|hrs?|hours?)$/.test(unit))
    minutes = amount * 60 + (aHalf ? 30 : 0) + Number(extraMinutes ?? 0);
  if (minutes !== undefined) {
    const instant = new Date(now.getTime() + Math.round(minutes * 60_000));
    const wall = wallTimeOf(instant, zone);
    return {
      date: wall.toPlainDate().toString(),
      time: wall.toPlainTime().toString({ smallestUnit: "minute" }),
      instant,
    };
  }
  if (amount === undefined || !Number.isInteger(amount)) return undefined;
  const today = wallTimeOf(now, zone).toPlainDate();
  const duration = /^d/.test(unit)
    ? { days: amount }
    : /^w/.test(unit)
      ? { weeks: amount }
      : { months: amount };
  return { date: today.add(duration).toString() };
}

function calendarMoment(
  text: string,
  today: Temporal.PlainDate,
): { moment: Moment; index: number; length: number } | undefined {
  const week = /\bnext week\b/i.exec(text);
  if (week)
    return {
      moment: { date: today.add({ days: 8 - today.dayOfWeek }).toString() },
      index: week.index,
      length: week[0].length,
    };
  const month = /\bnext month\b/i.exec(text);
  if (month)
    return {
      moment: { date: today.with({ day: 1 }).add({ months: 1 }).toString() },
      index: month.index,
      length: month[0].length,
    };
  const year = /\bnext year\b/i.exec(text);
  if (year) return { moment: { date: `${today.year + 1}-01-01` }, index: year.index, length: year[0].length };
  // "on the 15th": the next 15th from today, skipping months that have no such day.
  // Only after a preposition, or as the last word ("pay bills 27th", as in Todoist): "may the
  // 4th be with you" is a title.
  const nth =
    /\b(?:due\s+)?(?:on|by|before|until|till|for|to)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of|day|week|month|time|\w+day\b))|(?<=\s)(\d{1,2})(?:st|nd|rd|th)$/i.exec(
      text,
    );
  const day = Number(nth?.[1] ?? nth?.[2]);
  if (nth && day >= 1 && day <= 31) {
    for (let month = today.with({ day: 1 }), i = 0; i < 13; i++, month = month.add({ months: 1 })) {
      if (day <= month.daysInMonth && (i > 0 || day >= today.day))
        return { moment: { date: month.with({ day }).toString() }, index: nth.index, length: nth[0].length };
    }
  }
  return undefined;
}

/** The first span-from-now or calendar phrase in `text`, if any. */
export function findRelativeMoment(text: string, now: Date, zone: string): Found | undefined {
  const span = findSpan(text);
  if (span) {
    const moment = spanMoment(span, now, zone);
    const lead = span[0].length - span[0].trimStart().length; // the match may start on the space before the amount
    if (moment) return { moment, start: span.index + lead, end: span.index + span[0].length };
  }
  const calendar = calendarMoment(text, wallTimeOf(now, zone).toPlainDate());
  return (
    calendar && { moment: calendar.moment, start: calendar.index, end: calendar.index + calendar.length }
  );
}
