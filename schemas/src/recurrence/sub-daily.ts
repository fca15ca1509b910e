import type { Temporal } from "temporal-polyfill";
import { RuleError } from "./rule-problem.ts";
import type { RuleParts } from "./parse-rrule.ts";
import { gcd } from "./never-occurs.ts";

function fail(message: string): never {
  throw new RuleError("rrule", message);
}

const mod = (a: number, n: number) => ((a % n) + n) % n;
const pad = (n: number) => String(n).padStart(2, "0");

// The `rrule` package steps HOURLY and MINUTELY rules with unbounded loops that look for the next
// allowed hour or minute: a BYHOUR or BYMINUTE the step never reaches hangs the process. So the
// step's phase is checked first.
function checkHourlyPhase(parts: RuleParts, dtstart: Temporal.PlainDateTime): void {
  const step = gcd(parts.interval, 24);
  if (parts.byhour && !parts.byhour.some((h) => mod(h - dtstart.hour, step) === 0)) {
    fail(`never produces an occurrence: every ${parts.interval} hours from ${pad(dtstart.hour)}:00 never reaches BYHOUR=${parts.byhour.join(",")}`);
  }
}

function checkMinutelyPhase(parts: RuleParts, dtstart: Temporal.PlainDateTime): void {
  const step = gcd(parts.interval, 60);
  if (parts.byminute && !parts.byminute.some((m) => mod(m - dtstart.minute, step) === 0)) {
    fail(`never produces an occurrence: every ${parts.interval} minutes from :${pad(dtstart.minute)} never reaches BYMINUTE=${parts.byminute.join(",")}`);
  }
}

/**
 * MINUTELY with BYHOUR as the equivalent HOURLY rule. When the minute wraps, `rrule` jumps to
 * the next allowed hour instead of going on stepping minutes, which is only right when the step
 * divides an hour (or is whole hours), and it skips days when a BYDAY-style filter is present.
 * HOURLY with BYMINUTE lists the very minutes the MINUTELY rule would reach in each hour (BYSETPOS,
 * which would tell the two apart, is refused for both in rfc-constraints.ts).
 */
function minutelyAsHourly(parts: RuleParts, dtstart: Temporal.PlainDateTime): RuleParts {
  const n = parts.interval;
  let minutes: number[];
  if (60 % n === 0) minutes = Array.from({ length: 60 / n }, (_, k) => (dtstart.minute % n) + k * n);
  else if (n % 60 === 0) minutes = [dtstart.minute];
  else return fail(`FREQ=MINUTELY;INTERVAL=${n} cannot be combined with BYHOUR; use an INTERVAL that divides 60 (like 15) or is whole hours (like 120)`);
  const allowed = parts.byminute ? minutes.filter((m) => parts.byminute!.includes(m)) : minutes;
  if (allowed.length === 0) {
    fail(`never produces an occurrence: every ${n} minutes from :${pad(dtstart.minute)} never reaches BYMINUTE=${parts.byminute!.join(",")}`);
  }
  return { ...parts, freq: "HOURLY", interval: 60 % n === 0 ? 1 : n / 60, byminute: allowed };
}

/** Sub-daily rules in a form `rrule` expands correctly and in bounded time; others pass through. */
export function prepareSubDaily(parts: RuleParts, dtstart: Temporal.PlainDateTime): RuleParts {
  if (parts.freq === "MINUTELY" && parts.byhour) return prepareSubDaily(minutelyAsHourly(parts, dtstart), dtstart);
  if (parts.freq === "MINUTELY") checkMinutelyPhase(parts, dtstart);
  if (parts.freq === "HOURLY") checkHourlyPhase(parts, dtstart);
  return parts;
}
