import { Temporal } from "temporal-polyfill";
import { wallTimeOf } from "../../../time/zoned.ts";
import { monthNumber } from "../schedule/recurrence-days.ts";
import type { Moment } from "./moment.ts";

/**
 * Dates people say loosely, with the day each one means (said in the README): "the day after
 * tomorrow"; "mid April" and "mid-month" are the 15th; "end of week" is the week's Friday (the
 * end of the working week; on a weekend, the next Friday).
 */

type Found = { moment: Moment; start: number; end: number };

const AFTER_TOMORROW = /\b(?:the\s+)?day\s+after\s+tomorrow\b|\bovermorrow\b/i;
const MID_MONTH =
  /\b(?:mid|middle\s+of)[\s-]+((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:the\s+|this\s+|next\s+)?month)\b/i;
const END_OF_WEEK = /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:work\s*)?week|eow)\b/i;

function midMonth(words: string, today: Temporal.PlainDate): Temporal.PlainDate {
  const named = monthNumber(words.slice(0, 3));
  if (named === undefined) {
    const base = /next/i.test(words) ? today.with({ day: 1 }).add({ months: 1 }) : today;
    const mid = base.with({ day: 15 });
    return Temporal.PlainDate.compare(mid, today) < 0 ? mid.add({ months: 1 }) : mid;
  }
  const mid = Temporal.PlainDate.from({ year: today.year, month: named, day: 15 });
  return Temporal.PlainDate.compare(mid, today) < 0 ? mid.add({ years: 1 }) : mid;
}

export function findVagueMoment(text: string, now: Date, zone: string): Found | undefined {
  const today = wallTimeOf(now, zone).toPlainDate();
  const found: Found[] = [];
  const after = AFTER_TOMORROW.exec(text);
  if (after)
    found.push({
      moment: { date: today.add({ days: 2 }).toString() },
      start: after.index,
      end: after.index + after[0].length,
    });
  const mid = MID_MONTH.exec(text);
  if (mid?.[1])
    found.push({
      moment: { date: midMonth(mid[1], today).toString() },
      start: mid.index,
      end: mid.index + mid[0].length,
    });
  const week = END_OF_WEEK.exec(text);
  if (week)
    found.push({
      moment: { date: today.add({ days: (5 - today.dayOfWeek + 7) % 7 }).toString() },
      start: week.index,
      end: week.index + week[0].length,
    });
  return found.sort((a, b) => a.start - b.start)[0];
}
