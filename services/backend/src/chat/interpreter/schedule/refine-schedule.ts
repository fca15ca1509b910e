import { WEEKDAY_LIST, weekdaysIn } from "./recurrence-days.ts";
import { findCore, findOnClause, type CoreMatch, type RuleParts } from "./recurrence-patterns.ts";
import { WEEKDAY_CODES } from "../words/vocabulary.ts";

/**
 * What the words around a schedule core add to it: days left out ("every day except weekends",
 * "every weekday except Friday"), and the fuller schedule a bare frequency gives way to
 * ("a weekly task … every Saturday", "a monthly task … on the 1st").
 */

const EXCEPT = new RegExp(
  String.raw`\b(?:except|but not|excluding|apart from|other than|not on)\s+(?:on\s+)?(?:the\s+)?(weekends?|${WEEKDAY_LIST})`,
  "i",
);

function cut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)} ${text.slice(end)}`.replace(/\s+/g, " ").trim();
}

function isBare(parts: RuleParts): boolean {
  return !parts.byday && !parts.bymonthday && !parts.bymonth && !parts.time;
}

function withoutDays(
  parts: RuleParts,
  text: string,
): { parts: RuleParts; start: number; end: number } | undefined {
  const m = EXCEPT.exec(text);
  const dayly =
    parts.freq === "DAILY" || (parts.freq === "WEEKLY" && parts.byday?.every((d) => /^[A-Z]{2}$/.test(d)));
  if (!m?.[1] || !dayly || (parts.interval ?? 1) > 1) return undefined;
  const excluded = /weekend/i.test(m[1]) ? ["SA", "SU"] : weekdaysIn(m[1]);
  const days = (parts.byday ?? WEEKDAY_CODES).filter((day) => !excluded.includes(day));
  return days.length > 0
    ? { parts: { ...parts, freq: "WEEKLY", byday: days }, start: m.index, end: m.index + m[0].length }
    : undefined;
}

export function refineCore(core: CoreMatch, text: string): { parts: RuleParts; words: string; rest: string } {
  let parts = core.parts;
  let words = text.slice(core.start, core.end);
  let rest = cut(text, core.start, core.end);
  const except = withoutDays(parts, rest);
  if (except) {
    parts = except.parts;
    words = `${words} ${rest.slice(except.start, except.end)}`;
    rest = cut(rest, except.start, except.end);
  }
  const fullerCore = isBare(parts) ? findCore(rest) : undefined;
  const fuller =
    fullerCore?.parts.freq === parts.freq
      ? fullerCore
      : isBare(parts)
        ? findOnClause(parts.freq, rest)
        : undefined;
  if (fuller) {
    parts = {
      ...fuller.parts,
      interval: fuller.parts.interval ?? parts.interval,
      time: fuller.parts.time ?? parts.time,
    };
    words = `${words} ${rest.slice(fuller.start, fuller.end)}`;
    rest = cut(rest, fuller.start, fuller.end);
  }
  return { parts, words, rest };
}
