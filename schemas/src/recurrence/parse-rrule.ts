import { Temporal } from "temporal-polyfill";
import { RuleError } from "./rule-problem.ts";

export const FREQUENCIES = [
  "YEARLY",
  "MONTHLY",
  "WEEKLY",
  "DAILY",
  "HOURLY",
  "MINUTELY",
  "SECONDLY",
] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Weekday codes in rrule's numbering: MO = 0 … SU = 6. */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** One BYDAY entry: `FR` is {weekday: 4}, `-1FR` (the last Friday) is {weekday: 4, n: -1}. */
export interface ByDay {
  weekday: number;
  n?: number;
}

/** UNTIL as written: an instant (`…Z`), a floating local time, or a date. */
export type UntilText =
  | { kind: "utc"; wall: Temporal.PlainDateTime }
  | { kind: "floating"; wall: Temporal.PlainDateTime }
  | { kind: "date"; date: Temporal.PlainDate };

/** The parts of one RRULE, checked one by one; combinations are checked in rfc-constraints.ts. */
export interface RuleParts {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: UntilText;
  wkst?: number;
  bysecond?: number[];
  byminute?: number[];
  byhour?: number[];
  byday?: ByDay[];
  bymonthday?: number[];
  byyearday?: number[];
  byweekno?: number[];
  bymonth?: number[];
  bysetpos?: number[];
}

type NumberListName =
  | "BYSECOND"
  | "BYMINUTE"
  | "BYHOUR"
  | "BYMONTHDAY"
  | "BYYEARDAY"
  | "BYWEEKNO"
  | "BYMONTH"
  | "BYSETPOS";

// [min, max, may count from the end]. RFC 5545 allows BYSECOND=60 for leap seconds, which no
// clock here can show, so seconds stop at 59.
const NUMBER_LISTS: Record<NumberListName, [number, number, boolean]> = {
  BYSECOND: [0, 59, false],
  BYMINUTE: [0, 59, false],
  BYHOUR: [0, 23, false],
  BYMONTHDAY: [1, 31, true],
  BYYEARDAY: [1, 366, true],
  BYWEEKNO: [1, 53, true],
  BYMONTH: [1, 12, false],
  BYSETPOS: [1, 366, true],
};

// RFC 5545 sets no bound; this one keeps every step a safe integer of seconds (a SECONDLY
// INTERVAL of a million is under twelve days) while allowing a YEARLY step far past year 9999.
export const MAX_INTERVAL = 1_000_000;
export const MAX_COUNT = 100_000;

function fail(message: string): never {
  throw new RuleError("rrule", message);
}

function parseCounter(name: string, value: string, max: number): number {
  if (!/^\d+$/.test(value)) fail(`${name}=${value} is not a whole number`);
  const n = Number(value);
  if (n < 1 || n > max) fail(`${name}=${value} is out of range (1 to ${max})`);
  return n;
}

function parseNumberList(name: NumberListName, value: string): number[] {
  const [min, max, signed] = NUMBER_LISTS[name];
  const range = signed ? `${min} to ${max}, or -${max} to -${min} counting from the end` : `${min} to ${max}`;
  return value.split(",").map((item) => {
    if (!(signed ? /^[+-]?\d+$/ : /^\d+$/).test(item))
      fail(`${name}=${value}: '${item}' is not a number in ${range}`);
    const n = Number(item);
    if (Math.abs(n) < min || Math.abs(n) > max || (!signed && n < 0))
      fail(`${name}=${item} is out of range (${range})`);
    return n;
  });
}

function parseWeekday(code: string, name: string): number {
  const weekday = WEEKDAYS.indexOf(code as (typeof WEEKDAYS)[number]);
  if (weekday < 0) fail(`${name} has an unknown weekday '${code}' (use ${WEEKDAYS.join(", ")})`);
  return weekday;
}

function parseByDay(value: string): ByDay[] {
  return value.split(",").map((item) => {
    const match = /^([+-]?\d{1,2})?([A-Z]*)$/.exec(item);
    const code = match?.[2] ?? item;
    if (!match || !WEEKDAYS.includes(code as (typeof WEEKDAYS)[number])) {
      return fail(
        `BYDAY has an unknown weekday '${item}' (use ${WEEKDAYS.join(", ")}, optionally with a position such as 1MO or -1FR)`,
      );
    }
    const weekday = WEEKDAYS.indexOf(code as (typeof WEEKDAYS)[number]);
    if (match[1] === undefined) return { weekday };
    const n = Number(match[1]);
    if (n === 0 || Math.abs(n) > 53) fail(`BYDAY=${item}: the position must be 1 to 53 or -53 to -1`);
    return { weekday, n };
  });
}

function parseUntil(value: string): UntilText {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!match) return fail(`UNTIL=${value} is not a date (19971224) or date-time (19971224T000000Z)`);
  const [, y, mo, d, h, mi, s, z] = match;
  try {
    if (h === undefined)
      return {
        kind: "date",
        date: Temporal.PlainDate.from({ year: +y!, month: +mo!, day: +d! }, { overflow: "reject" }),
      };
    const wall = Temporal.PlainDateTime.from(
      { year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi!, second: +s! },
      { overflow: "reject" },
    );
    return { kind: z ? "utc" : "floating", wall };
  } catch {
    return fail(`UNTIL=${value} is not a real date and time`);
  }
}

/**
 * Parses one RFC 5545 RRULE (`RRULE:` prefix optional, any case) and checks every part on its
 * own. The `rrule` package would take `FREQ=BLAH`, `BYDAY=XX`, `BYMONTHDAY=40` or `INTERVAL=0`
 * without a word and then produce nothing or loop; here each is a RuleError naming the part.
 * @example parseRrule("FREQ=WEEKLY;BYDAY=FR") // {freq: "WEEKLY", interval: 1, byday: [{weekday: 4}]}
 */
export function parseRrule(text: string): RuleParts {
  const source = text
    .trim()
    .replace(/^RRULE:/i, "")
    .toUpperCase();
  if (!source) fail("must not be empty");
  if (/[\r\n]/.test(source) || /(^|;)DTSTART/.test(source))
    fail("must be one RRULE line; pass dtstart and timezone separately");
  const seen = new Map<string, string>();
  for (const part of source.split(";")) {
    const match = /^([A-Z]+)=(.+)$/.exec(part);
    if (!match) fail(part ? `'${part}' is not NAME=VALUE` : "has an empty part (a stray ';')");
    const [, name = "", value = ""] = match;
    if (seen.has(name)) fail(`${name} is given twice`);
    seen.set(name, value);
  }
  const freq = seen.get("FREQ");
  if (freq === undefined) fail(`needs a FREQ (${FREQUENCIES.join(", ")})`);
  if (!FREQUENCIES.includes(freq as Frequency))
    fail(`FREQ=${freq} is not a frequency (use ${FREQUENCIES.join(", ")})`);
  const parts: RuleParts = { freq: freq as Frequency, interval: 1 };
  for (const [name, value] of seen) {
    if (name === "FREQ") continue;
    else if (name === "INTERVAL") parts.interval = parseCounter(name, value, MAX_INTERVAL);
    else if (name === "COUNT") parts.count = parseCounter(name, value, MAX_COUNT);
    else if (name === "UNTIL") parts.until = parseUntil(value);
    else if (name === "WKST") parts.wkst = parseWeekday(value, "WKST");
    else if (name === "BYDAY") parts.byday = parseByDay(value);
    else if (name in NUMBER_LISTS)
      parts[name.toLowerCase() as Lowercase<NumberListName>] = parseNumberList(name as NumberListName, value);
    else
      fail(
        `${name} is not an RRULE part (use FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS or WKST)`,
      );
  }
  return parts;
}

const untilText = (until: UntilText): string => {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  if (until.kind === "date") return `${p(until.date.year, 4)}${p(until.date.month)}${p(until.date.day)}`;
  const w = until.wall;
  return `${p(w.year, 4)}${p(w.month)}${p(w.day)}T${p(w.hour)}${p(w.minute)}${p(w.second)}${until.kind === "utc" ? "Z" : ""}`;
};

/**
 * Back to RRULE text, parts in a fixed order (FREQ first, as RFC 5545 recommends), no prefix.
 * @example formatRrule({ freq: "WEEKLY", interval: 1, byday: [{ weekday: 4 }], byhour: [14] }) // "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14"
 */
export function formatRrule(parts: RuleParts): string {
  const out = [`FREQ=${parts.freq}`];
  if (parts.interval !== 1) out.push(`INTERVAL=${parts.interval}`);
  if (parts.count !== undefined) out.push(`COUNT=${parts.count}`);
  if (parts.until !== undefined) out.push(`UNTIL=${untilText(parts.until)}`);
  if (parts.wkst !== undefined) out.push(`WKST=${WEEKDAYS[parts.wkst]}`);
  if (parts.bymonth) out.push(`BYMONTH=${parts.bymonth.join(",")}`);
  if (parts.byweekno) out.push(`BYWEEKNO=${parts.byweekno.join(",")}`);
  if (parts.byyearday) out.push(`BYYEARDAY=${parts.byyearday.join(",")}`);
  if (parts.bymonthday) out.push(`BYMONTHDAY=${parts.bymonthday.join(",")}`);
  // "+2TU" as the `rrule` package wrote it, so rules stored before read the same.
  if (parts.byday)
    out.push(
      `BYDAY=${parts.byday.map((d) => `${d.n === undefined ? "" : d.n > 0 ? `+${d.n}` : d.n}${WEEKDAYS[d.weekday]}`).join(",")}`,
    );
  if (parts.byhour) out.push(`BYHOUR=${parts.byhour.join(",")}`);
  if (parts.byminute) out.push(`BYMINUTE=${parts.byminute.join(",")}`);
  if (parts.bysecond) out.push(`BYSECOND=${parts.bysecond.join(",")}`);
  if (parts.bysetpos) out.push(`BYSETPOS=${parts.bysetpos.join(",")}`);
  return out.join(";");
}
