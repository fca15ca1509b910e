import { RRule, type Options, Frequency } from "rrule";
import { Validation } from "@todo/outbox/runtime";

export type RuleOptions = Partial<Options>;

const FIELD = "recurrence.rrule";
const SUPPORTED = new Map<Frequency, FrequencyName>([
  [Frequency.DAILY, "daily"],
  [Frequency.WEEKLY, "weekly"],
  [Frequency.MONTHLY, "monthly"],
  [Frequency.YEARLY, "yearly"],
] as const);
export type FrequencyName = "daily" | "weekly" | "monthly" | "yearly";

function numbers(value: number | number[] | null | undefined): number[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function checkRange(name: string, value: number | number[] | null | undefined, min: number, max: number, allowNegative = false) {
  for (const n of numbers(value)) {
    const ok = Number.isInteger(n) && (allowNegative ? Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max);
    if (!ok) throw new Validation(FIELD, `${name}=${n} is out of range`);
  }
}

/**
 * Parses an RFC 5545 RRULE (with or without the `RRULE:` prefix) and rejects what the `rrule`
 * package would silently accept: no FREQ, unknown weekdays, out-of-range BY* values, sub-daily
 * frequencies. COUNT and UNTIL are returned apart, since they are kept as their own fields.
 */
export function parseRrule(text: string): { options: RuleOptions; frequency: FrequencyName; count?: number; until?: Date } {
  const source = text.trim().replace(/^RRULE:/i, "");
  if (!source) throw new Validation(FIELD, "must not be empty");
  if (/[\r\n]/.test(source) || /(^|;)DTSTART/i.test(source)) throw new Validation(FIELD, "must be a single RRULE line; pass dtstart separately");
  let options: RuleOptions;
  try {
    options = RRule.parseString(source.toUpperCase());
  } catch (error) {
    throw new Validation(FIELD, `does not parse: ${(error as Error).message}`);
  }
  const freqText = /(?:^|;)FREQ=([^;]*)/i.exec(source)?.[1];
  if (freqText && !["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "MINUTELY", "SECONDLY"].includes(freqText.toUpperCase())) {
    throw new Validation(FIELD, `FREQ=${freqText} is not a frequency (use DAILY, WEEKLY, MONTHLY or YEARLY)`);
  }
  if (options.freq === undefined || options.freq === null) throw new Validation(FIELD, "needs a FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)");
  const frequency = SUPPORTED.get(options.freq);
  if (!frequency) throw new Validation(FIELD, "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  if (options.interval !== undefined) checkRange("INTERVAL", options.interval, 1, 1000);
  const weekdays = Array.isArray(options.byweekday) ? options.byweekday : options.byweekday == null ? [] : [options.byweekday];
  if (weekdays.some((d) => d === null || d === undefined)) throw new Validation(FIELD, "BYDAY has an unknown weekday (use MO,TU,WE,TH,FR,SA,SU)");
  checkRange("BYHOUR", options.byhour, 0, 23);
  checkRange("BYMINUTE", options.byminute, 0, 59);
  checkRange("BYSECOND", options.bysecond, 0, 59);
  checkRange("BYMONTH", options.bymonth, 1, 12);
  checkRange("BYMONTHDAY", options.bymonthday, 1, 31, true);
  checkRange("BYYEARDAY", options.byyearday, 1, 366, true);
  checkRange("BYWEEKNO", options.byweekno, 1, 53, true);
  checkRange("BYSETPOS", options.bysetpos, 1, 366, true);
  if (options.count != null && options.until != null) throw new Validation(FIELD, "COUNT and UNTIL cannot both be set");
  if (options.count != null) checkRange("COUNT", options.count, 1, 100000);
  const { count, until, ...rest } = options;
  return { options: rest, frequency, count: count ?? undefined, until: until ?? undefined };
}

/** Back to RRULE text (without the prefix), e.g. `FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0`. */
export function formatRrule(options: RuleOptions): string {
  return RRule.optionsToString(options).replace(/^RRULE:/, "");
}
