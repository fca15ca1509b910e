import type { Temporal } from "temporal-polyfill";
import type { Frequency, RuleParts } from "./parse-rrule.ts";

const COARSER_THAN: Record<"HOURLY" | "MINUTELY" | "SECONDLY", Frequency[]> = {
  HOURLY: ["YEARLY", "MONTHLY", "WEEKLY", "DAILY"],
  MINUTELY: ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"],
  SECONDLY: ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY"],
};

/**
 * The rule with every part it leaves to DTSTART written out, as RFC 5545 and `rrule` derive them:
 * "FREQ=MONTHLY" from the 31st at 09:00 is "BYMONTHDAY=31;BYHOUR=9;BYMINUTE=0;BYSECOND=0".
 * Afterwards DTSTART only anchors the INTERVAL steps, so it can be moved by whole steps without
 * changing a single occurrence (see scan-plan.ts).
 */
export function withDtstartDefaults(parts: RuleParts, dtstart: Temporal.PlainDateTime): RuleParts {
  const ready = { ...parts };
  const choosesDays = parts.byweekno || parts.byyearday || parts.bymonthday || parts.byday;
  if (!choosesDays && parts.freq === "YEARLY") {
    ready.bymonth ??= [dtstart.month];
    ready.bymonthday = [dtstart.day];
  }
  if (!choosesDays && parts.freq === "MONTHLY") ready.bymonthday = [dtstart.day];
  if (!choosesDays && parts.freq === "WEEKLY") ready.byday = [{ weekday: dtstart.dayOfWeek - 1 }];
  if (COARSER_THAN.HOURLY.includes(parts.freq)) ready.byhour ??= [dtstart.hour];
  if (COARSER_THAN.MINUTELY.includes(parts.freq)) ready.byminute ??= [dtstart.minute];
  if (COARSER_THAN.SECONDLY.includes(parts.freq)) ready.bysecond ??= [dtstart.second];
  return ready;
}
