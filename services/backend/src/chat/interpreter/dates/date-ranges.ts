import { Temporal } from "temporal-polyfill";
import { wallTimeOf } from "../../../time/zoned.ts";
import { findMoment } from "./find-moment.ts";
import type { Reading } from "../reading.ts";
import { NUMBER, numberValue } from "../words/vocabulary.ts";

/**
 * Date ranges for listing, on the user's calendar: "today", "this week" (Monday to Sunday, the
 * product's week), "next month", "the next 3 days", "before Friday", "between Dec 1 and Dec 5".
 * Whether a range is about the due date or the completion date depends on the words around it.
 */

export type DateRange = { from?: string; to?: string; label: string };
export type RangeKind = "due" | "completed" | "either";
export type FoundRange = { range: DateRange; kind: RangeKind; start: number; end: number };

type Day = Temporal.PlainDate;

const KIND_WORD = String.raw`(?:(due|deadline|scheduled|completed|finished|done|closed|ticked off|checked off)\s+)?`;
const BOUND_WORD = String.raw`(?:(on|in|for|during|from|of|by|before|until|till|after|since|within|over)\s+)?(?:the\s+)?`;
const NAMED = String.raw`(today|tonight|tomorrow|yesterday|(?:this|the|current|next|last|past|previous|coming)\s+(?:week|weekend|month|year)|(?:the\s+)?(?:next|coming|past|last)\s+${NUMBER}\s+(?:days|weeks))(?:'s)?`;
const NAMED_RANGE = new RegExp(String.raw`\b${KIND_WORD}${BOUND_WORD}${NAMED}\b`, "i");
const BETWEEN = new RegExp(String.raw`\b${KIND_WORD}between\s+(.+?)\s+and\s+(.+)$`, "i");
const LEAD = /(?:\b(completed|finished|done|closed|due|deadline)\s+)?(?:\b(after|since)\s+)?$/i;
const COMPLETED_WORD = /^(?:completed|finished|done|closed|ticked off|checked off)$/i;

function kindOf(word: string | undefined): RangeKind {
  if (!word) return "either";
  return COMPLETED_WORD.test(word) ? "completed" : "due";
}

function week(today: Day, offset: number): [Day, Day] {
  const monday = today.subtract({ days: today.dayOfWeek - 1 }).add({ weeks: offset });
  return [monday, monday.add({ days: 6 })];
}

function month(today: Day, offset: number): [Day, Day] {
  const first = today.with({ day: 1 }).add({ months: offset });
  return [first, first.with({ day: first.daysInMonth })];
}

function namedSpan(name: string, today: Day): [Day, Day] | undefined {
  const text = name.toLowerCase().replace(/'s$/, "").replace(/\s+/g, " ");
  if (text === "today" || text === "tonight") return [today, today];
  if (text === "tomorrow") return [today.add({ days: 1 }), today.add({ days: 1 })];
  if (text === "yesterday") return [today.subtract({ days: 1 }), today.subtract({ days: 1 })];
  const count = /(next|coming|past|last) (\S+) (days|weeks)/.exec(text);
  if (count) {
    const days = (numberValue(count[2] ?? "") ?? 1) * (count[3] === "weeks" ? 7 : 1);
    return count[1] === "next" || count[1] === "coming"
      ? [today, today.add({ days })]
      : [today.subtract({ days }), today];
  }
  const offset = /^(next|coming)/.test(text) ? 1 : /^(last|past|previous)/.test(text) ? -1 : 0;
  if (text.endsWith("weekend")) {
    const [, sunday] = week(today, offset);
    return [sunday.subtract({ days: 1 }), sunday];
  }
  if (text.endsWith("week")) return week(today, offset);
  if (text.endsWith("month")) return month(today, offset);
  if (text.endsWith("year"))
    return [
      Temporal.PlainDate.from({ year: today.year + offset, month: 1, day: 1 }),
      Temporal.PlainDate.from({ year: today.year + offset, month: 12, day: 31 }),
    ];
  return undefined;
}

// "before Friday" ends the day before; "by Friday" includes it; "after" starts the day after.
function bounded(bound: string | undefined, from: Day, to: Day, label: string): DateRange {
  const b = bound?.toLowerCase();
  if (b === "before") return { to: from.subtract({ days: 1 }).toString(), label };
  if (b === "by" || b === "until" || b === "till") return { to: to.toString(), label };
  if (b === "after") return { from: to.add({ days: 1 }).toString(), label };
  if (b === "since") return { from: from.toString(), label };
  return { from: from.toString(), to: to.toString(), label };
}

function findDated(text: string, r: Reading): FoundRange | undefined {
  const between = BETWEEN.exec(text);
  const first = between ? findMoment(between[2] ?? "", r) : undefined;
  const last = between ? findMoment(between[3] ?? "", r) : undefined;
  if (between && first && last) {
    const label = `between ${between[2]} and ${between[3]}`;
    return {
      range: { from: first.moment.date, to: last.moment.date, label },
      kind: kindOf(between[1]),
      start: between.index,
      end: between.index + between[0].length,
    };
  }
  const moment = findMoment(text, r);
  if (!moment) return undefined;
  // findMoment already took "due", "by", "before", "on" into its span; "completed" and "after" lead into it too.
  const lead = LEAD.exec(text.slice(0, moment.start));
  const words = text.slice(moment.start, moment.end);
  const kindWord = lead?.[1] ?? /^(due|deadline)\b/i.exec(words)?.[1];
  const bound = lead?.[2] ?? /\b(before|by|until|till)\s/i.exec(words)?.[1];
  const label = `${lead?.[2] ? `${lead[2].toLowerCase()} ` : ""}${words.replace(/^(?:due|deadline)(?:\s+date)?\s+/i, "")}`;
  const date = Temporal.PlainDate.from(moment.moment.date);
  return {
    range: bounded(bound, date, date, label),
    kind: kindOf(kindWord),
    start: moment.start - (lead?.[0].length ?? 0),
    end: moment.end,
  };
}

const OR_NAMED = new RegExp(String.raw`^\s+(?:or|and|&|to|through|-)\s+${NAMED}\b`, "i");

// "due today or tomorrow", "this week and next week": one range from the first start to the last end.
function withSecondSpan(found: FoundRange, text: string, today: Day): FoundRange {
  const next = OR_NAMED.exec(text.slice(found.end));
  const span = next?.[1] ? namedSpan(next[1], today) : undefined;
  if (!next || !span || !found.range.from || !found.range.to) return found;
  const from =
    Temporal.PlainDate.compare(span[0], Temporal.PlainDate.from(found.range.from)) < 0
      ? span[0].toString()
      : found.range.from;
  const to =
    Temporal.PlainDate.compare(span[1], Temporal.PlainDate.from(found.range.to)) > 0
      ? span[1].toString()
      : found.range.to;
  const label = `${found.range.label}${next[0].replace(/'s\b/, "").toLowerCase().replace(/\s+/g, " ")}`;
  return { ...found, range: { from, to, label }, end: found.end + next[0].length };
}

/** The first date range in a list request, with where it stands so it can be cut out. */
export function findRange(text: string, r: Reading): FoundRange | undefined {
  const today = wallTimeOf(r.now, r.zone).toPlainDate();
  const named = NAMED_RANGE.exec(text);
  const span = named?.[3] ? namedSpan(named[3], today) : undefined;
  if (named && span) {
    const words = (named[3] ?? "").toLowerCase().replace(/'s$/, "").replace(/^the /, "");
    const bound =
      named[2] && !/^(?:in|of|for|during|on|over|from)$/i.test(named[2]) ? `${named[2].toLowerCase()} ` : "";
    const label = /\d|\b(?:days|weeks)$/.test(words) && !bound ? `in the ${words}` : `${bound}${words}`;
    const found = {
      range: bounded(named[2], span[0], span[1], label),
      kind: kindOf(named[1]),
      start: named.index,
      end: named.index + named[0].length,
    };
    return withSecondSpan(found, text, today);
  }
  return findDated(text, r);
}
