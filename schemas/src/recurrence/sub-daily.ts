import type { Temporal } from "temporal-polyfill";
import type { Frequency, RuleParts } from "./parse-rrule.ts";
import { gcd } from "./never-occurs.ts";
import { RuleError } from "./rule-problem.ts";
import { picked } from "./set-positions.ts";

function fail(message: string): never {
  throw new RuleError("rrule", message);
}

const pad = (n: number) => String(n).padStart(2, "0");
const SUB_DAILY: Frequency[] = ["HOURLY", "MINUTELY", "SECONDLY"];
const STEP_SECONDS: Partial<Record<Frequency, number>> = { HOURLY: 3600, MINUTELY: 60, SECONDLY: 1 };
const DAY = 86_400;
const sortedUnique = (list: number[]) => [...new Set(list)].sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * BYSETPOS picks from the times one step holds. A MINUTELY step holds its BYSECOND seconds and a
 * SECONDLY step one second, whatever the date, so the pick is made here, once, and written into
 * BYSECOND. An HOURLY step holds BYMINUTE × BYSECOND: positions past that set can never match
 * (and would make `rrule` test every hour for centuries), so only those within it are kept;
 * likewise for a DAILY step, which holds BYHOUR × BYMINUTE × BYSECOND.
 */
function resolveSetPos(parts: RuleParts, dtstart: Temporal.PlainDateTime): RuleParts {
  if (!parts.bysetpos) return parts;
  const seconds = sortedUnique(parts.bysecond ?? [dtstart.second]);
  const minutes = sortedUnique(parts.byminute ?? [dtstart.minute]).length;
  const setSize =
    parts.freq === "SECONDLY"
      ? 1
      : parts.freq === "MINUTELY"
        ? seconds.length
        : parts.freq === "HOURLY"
          ? minutes * seconds.length
          : sortedUnique(parts.byhour ?? [dtstart.hour]).length * minutes * seconds.length;
  const positions = parts.bysetpos.filter((p) => Math.abs(p) <= setSize);
  if (positions.length === 0)
    fail(
      `never produces an occurrence: BYSETPOS=${parts.bysetpos.join(",")} picks past the ${setSize} time${setSize === 1 ? "" : "s"} each FREQ=${parts.freq} step holds`,
    );
  const { bysetpos: _picked, ...rest } = parts;
  if (parts.freq === "SECONDLY") return rest;
  if (parts.freq === "MINUTELY") return { ...rest, bysecond: sortedUnique(picked(seconds, positions)) };
  return { ...parts, bysetpos: positions };
}

/**
 * A sub-daily step lands on the times of day a fixed distance apart (the step's gcd with a day):
 * every 6 hours from 01:00 never reaches BYHOUR=2. The `rrule` package would search such a rule
 * forever, so a step that can never reach an allowed time of day is refused.
 */
function checkPhase(parts: RuleParts, dtstart: Temporal.PlainDateTime): void {
  // Only the parts at or above the step filter; finer ones (BYSECOND for MINUTELY) add times.
  const unit = STEP_SECONDS[parts.freq]!;
  const perDay = DAY / unit;
  const step = gcd(parts.interval, perDay);
  const at = (h: number, m: number, s: number) => Math.floor((h * 3600 + m * 60 + s) / unit);
  const start = at(dtstart.hour, dtstart.minute, dtstart.second);
  const hours = parts.byhour ?? range(24);
  const minutes = unit <= 60 ? (parts.byminute ?? range(60)) : [0];
  const seconds = unit === 1 ? (parts.bysecond ?? range(60)) : [0];
  for (const h of hours)
    for (const m of minutes)
      for (const s of seconds) if ((((at(h, m, s) - start) % step) + step) % step === 0) return;
  const filters = [
    parts.byhour && `BYHOUR=${parts.byhour.join(",")}`,
    unit <= 60 && parts.byminute && `BYMINUTE=${parts.byminute.join(",")}`,
    unit === 1 && parts.bysecond && `BYSECOND=${parts.bysecond.join(",")}`,
  ];
  const unitName = parts.freq === "HOURLY" ? "hours" : parts.freq === "MINUTELY" ? "minutes" : "seconds";
  fail(
    `never produces an occurrence: every ${parts.interval} ${unitName} from ${pad(dtstart.hour)}:${pad(dtstart.minute)}:${pad(dtstart.second)} never reaches ${filters.filter(Boolean).join(";")}`,
  );
}

/** Hours and minutes a time must have to be an occurrence; absent: any. */
export interface TimeFilter {
  byhour?: number[];
  byminute?: number[];
}

/**
 * For MINUTELY and SECONDLY rules, BYHOUR (and for SECONDLY, BYMINUTE) only filter the times the
 * steps land on. The `rrule` package applies them by jumping to the next allowed hour or minute
 * when the step wraps, which skips occurrences whenever the step does not divide the hour or
 * minute (and skips days with a BYDAY filter). So `rrule` steps without them, and the times it
 * lists are filtered afterwards (expand-occurrences.ts), COUNT counting only those kept.
 */
function splitTimeFilter(parts: RuleParts): { parts: RuleParts; timeFilter?: TimeFilter } {
  const filter: TimeFilter = {};
  const rest = { ...parts };
  if (parts.freq !== "MINUTELY" && parts.freq !== "SECONDLY") return { parts };
  if (parts.byhour) [filter.byhour, rest.byhour] = [parts.byhour, undefined];
  if (parts.freq === "SECONDLY" && parts.byminute)
    [filter.byminute, rest.byminute] = [parts.byminute, undefined];
  return filter.byhour || filter.byminute ? { parts: rest, timeFilter: filter } : { parts };
}

/**
 * A MINUTELY or SECONDLY rule whose step divides the minute or hour (every 1, 2, 5, 15 … seconds
 * or minutes) lands on the same times of day every day: the BYHOUR × BYMINUTE × BYSECOND times
 * in the step's phase from dtstart. Such a rule is the DAILY rule listing those times, which
 * `rrule` expands day by day instead of second by second: "FREQ=SECONDLY;BYHOUR=9;BYMINUTE=0;
 * BYSECOND=0;COUNT=1000" would otherwise step through 86,400 seconds for each of its 1000 days.
 * Returns undefined for a step that does not divide (its times move from day to day).
 */
function asDaily(parts: RuleParts, dtstart: Temporal.PlainDateTime): RuleParts | undefined {
  if ((parts.freq !== "MINUTELY" && parts.freq !== "SECONDLY") || 60 % parts.interval !== 0) return undefined;
  if (!parts.byhour && !parts.byminute) return undefined; // no time filter: `rrule` steps only through kept times already
  const inPhase = (values: number[], start: number) =>
    values.filter((v) => (((v - start) % parts.interval) + parts.interval) % parts.interval === 0);
  const everySecond = parts.freq === "SECONDLY";
  const seconds = everySecond
    ? inPhase(parts.bysecond ?? range(60), dtstart.second)
    : (parts.bysecond ?? [dtstart.second]);
  const minutes = everySecond
    ? (parts.byminute ?? range(60))
    : inPhase(parts.byminute ?? range(60), dtstart.minute);
  return {
    ...parts,
    freq: "DAILY",
    interval: 1,
    byhour: parts.byhour ?? range(24),
    byminute: sortedUnique(minutes),
    bysecond: sortedUnique(seconds),
  };
}

/** Sub-daily rules in a form `rrule` expands correctly and in bounded time; others pass through. */
export function prepareSubDaily(
  parts: RuleParts,
  dtstart: Temporal.PlainDateTime,
): { parts: RuleParts; timeFilter?: TimeFilter } {
  if (parts.freq === "DAILY") return { parts: resolveSetPos(parts, dtstart) };
  if (!SUB_DAILY.includes(parts.freq)) return { parts };
  const ready = resolveSetPos(parts, dtstart);
  checkPhase(ready, dtstart);
  const daily = asDaily(ready, dtstart);
  return daily ? { parts: daily } : splitTimeFilter(ready);
}
