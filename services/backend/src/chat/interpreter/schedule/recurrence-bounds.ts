import { Temporal } from "temporal-polyfill";
import { wallTimeOf } from "../../../time/zoned.ts";
import { findMoment } from "../dates/find-moment.ts";
import type { InterpretContext } from "../intent.ts";
import type { Moment } from "../dates/moment.ts";
import { MONTH_NAME, monthNumber } from "./recurrence-days.ts";
import { NUMBER, numberValue } from "../words/vocabulary.ts";

/** Where a schedule starts and ends: "starting next Monday", "until Dec 31", "10 times", "for 6 weeks". */

export type Bounds = {
  start?: Moment;
  until?: string /* last local date */;
  count?: number;
  span?: Temporal.DurationLike;
};

type Cut = { start: number; end: number };

const START = /\b(?:starting|beginning|commencing|effective|as of|from)(?:\s+(?:on|from|at|with))?\s+/gi;
const UNTIL =
  /\b(?:until|till|til|through|thru|ending(?:\s+on)?|up\s+(?:un)?to|ends?\s+on|stop(?:ping)?\s+on)\s+/gi;
const END_OF = new RegExp(
  String.raw`^(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(year|month)|^(?:the\s+end\s+of\s+)?(${MONTH_NAME})\b(?!\.?\s*\d)`,
  "i",
);
const COUNT = new RegExp(
  String.raw`\b(?:for\s+)?(?:a\s+total\s+of\s+)?(${NUMBER})\s+(?:times|occurrences|repetitions|sessions)\b`,
  "i",
);
const SPAN = new RegExp(
  String.raw`\bfor\s+(?:the\s+next\s+)?(${NUMBER})\s+(days?|weeks?|months?|years?)\b`,
  "i",
);
const FOREVER = /\b(?:forever|indefinitely|from now on|ongoing|until further notice|until i say stop)\b/i;

// Cuts may overlap ("starting Monday until Friday" read twice); each character goes at most once.
function cutOut(text: string, cuts: Cut[]): string {
  const kept = text.split("").filter((_, i) => !cuts.some((cut) => i >= cut.start && i < cut.end));
  return kept.join("").replace(/\s+/g, " ").trim();
}

// A date that starts right after its keyword ("starting" + "next Monday"), or nothing.
function momentAfter(
  keyword: RegExp,
  text: string,
  ctx: InterpretContext,
): { moment: Moment; cut: Cut } | undefined {
  const pattern = new RegExp(keyword.source, "gi");
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const after = m.index + m[0].length;
    // Read as "on …", so that a bare weekday ("starting friday for 8 weeks") counts as the date it is here.
    const found = findMoment(`on ${text.slice(after)}`, ctx);
    if (found && found.start === 0 && found.end > 3)
      return { moment: found.moment, cut: { start: m.index, end: after + found.end - 3 } };
  }
  return undefined;
}

function endOfPeriod(text: string, ctx: InterpretContext): { date: string; length: number } | undefined {
  const m = END_OF.exec(text);
  if (!m) return undefined;
  const today = wallTimeOf(ctx.now, ctx.zone).toPlainDate();
  if (m[1]?.toLowerCase() === "year") return { date: `${today.year}-12-31`, length: m[0].length };
  if (m[1]) return { date: today.with({ day: today.daysInMonth }).toString(), length: m[0].length };
  const month = monthNumber(m[2] ?? "") ?? today.month;
  const year = month < today.month ? today.year + 1 : today.year;
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  return { date: first.with({ day: first.daysInMonth }).toString(), length: m[0].length };
}

function untilOf(text: string, ctx: InterpretContext): { date: string; cut: Cut } | undefined {
  const pattern = new RegExp(UNTIL.source, "gi");
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const after = m.index + m[0].length;
    const period = endOfPeriod(text.slice(after), ctx);
    if (period) return { date: period.date, cut: { start: m.index, end: after + period.length } };
  }
  const found = momentAfter(UNTIL, text, ctx);
  return found && { date: found.moment.date, cut: found.cut };
}

function spanOf(amount: number, unit: string): Temporal.DurationLike {
  const u = unit.toLowerCase();
  return u.startsWith("d")
    ? { days: amount }
    : u.startsWith("w")
      ? { weeks: amount }
      : u.startsWith("m")
        ? { months: amount }
        : { years: amount };
}

/** Cuts the bounds out of a schedule sentence. */
export function extractBounds(text: string, ctx: InterpretContext): { bounds: Bounds; rest: string } {
  const bounds: Bounds = {};
  const cuts: Cut[] = [];
  const start = momentAfter(START, text, ctx);
  if (start) {
    bounds.start = start.moment;
    cuts.push(start.cut);
  }
  const until = untilOf(text, ctx);
  if (until) {
    bounds.until = until.date;
    cuts.push(until.cut);
  }
  const count = COUNT.exec(text);
  const times = count?.[1] ? numberValue(count[1]) : undefined;
  if (count && times) {
    bounds.count = times;
    cuts.push({ start: count.index, end: count.index + count[0].length });
  }
  const span = SPAN.exec(text);
  const amount = span?.[1] ? numberValue(span[1]) : undefined;
  if (span?.[2] && amount) {
    bounds.span = spanOf(amount, span[2]);
    cuts.push({ start: span.index, end: span.index + span[0].length });
  }
  const forever = FOREVER.exec(text);
  if (forever) cuts.push({ start: forever.index, end: forever.index + forever[0].length });
  return { bounds, rest: cutOut(text, cuts) };
}
