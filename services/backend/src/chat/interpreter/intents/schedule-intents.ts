import { buildAdd, startsWithAdd } from "./add-intent.ts";
import { askAboutSchedule, askHowOften } from "./clarify.ts";
import type { Intent } from "../intent.ts";
import type { Reading } from "../reading.ts";
import { findSchedule } from "../schedule/recurrence.ts";
import { cleanTitle, targetOrPronoun } from "../words/targets.ts";

/**
 * Schedules on their own: making an existing task repeat ("make X recurring every Monday",
 * "repeat X every day", "X should repeat weekly", "make X a daily task"), and messages that open
 * with a schedule ("Every Monday at 9 AM add a standup task", "every weekday at 8:30 check email",
 * "Every Friday at 2 PM remind me to submit my weekly report").
 */

const REPEAT_WORD = String.raw`(?:recurring|repeating|recurrent|repeat|recur|repeated|a\s+repeating\s+task|a\s+recurring\s+task)`;
const MAKE_RECURRING: RegExp[] = [
  new RegExp(
    String.raw`^(?:make|set|turn|change|convert)\s+(.+?)\s+(?:into\s+|to\s+|as\s+)?(?:an?\s+)?${REPEAT_WORD}(?:\s+task)?\b\s*(.*)$`,
    "i",
  ),
  /^(?:repeat|recur)\s+(.+)$/i,
  /^(.+?)\s+(?:should|must|needs to|has to|will|is going to)\s+(?:repeat|recur|happen|be repeated|be recurring)\b\s*(.*)$/i,
  /^(.+?)\s+(?:repeats|recurs)\b\s*(.*)$/i,
];
// "make X weekly", "make X a daily task …on Mondays"; not "set a weekly reminder to …", which is a new task.
const MAKE_PERIODIC =
  /^(?:make|turn|set)\s+(?!(?:a|an|up)\s)(.+?)\s+(?:into\s+|to\s+)?(?:an?\s+)?((?:daily|weekly|monthly|yearly|annual|bi-?weekly|fortnightly|quarterly))(?:\s+(?:task|thing|one|event))?((?:\s+(?:on|at|every|starting|from|until)\b.*)?)$/i;
const REMIND =
  /^(?:remind|ping|alert|notify|nudge)\s+(?:me|us)\b\s*(?:to\s+|about\s+|of\s+|that\s+(?:i\s+(?:need|have)\s+to\s+)?)?/i;

// The schedule may sit after the task ("repeat X every day") or in its own group; cutting it out of the
// whole leaves the task.
function makeRecurring(targetText: string, scheduleText: string, r: Reading): Intent {
  const schedule = findSchedule(`${targetText} ${scheduleText}`.trim(), r);
  if (schedule.kind === "unclear") return askAboutSchedule(schedule);
  if (schedule.kind === "none") return askHowOften(cleanTitle(targetText, r.quotes) || undefined);
  return {
    type: "make_recurring",
    target: targetOrPronoun(schedule.rest, r.quotes),
    recurrence: schedule.recurrence,
  };
}

/** "make X recurring every Monday", "repeat X daily", "X should repeat every week", "make X weekly". */
export function readMakeRecurring(text: string, r: Reading): Intent | undefined {
  if (startsWithAdd(text)) return undefined;
  for (const pattern of MAKE_RECURRING) {
    const m = pattern.exec(text);
    if (m) return makeRecurring(m[1] ?? "", m[2] ?? "", r);
  }
  const periodic = MAKE_PERIODIC.exec(text);
  return periodic
    ? makeRecurring(periodic[1] ?? "", `${periodic[2] ?? ""} ${periodic[3] ?? ""}`, r)
    : undefined;
}

/** A message that opens with its schedule: the rest is an add ("add a standup task", "check email") or a reminder. */
export function readScheduleFirst(text: string, r: Reading): Intent | undefined {
  const schedule = findSchedule(text, r);
  if (schedule.kind === "unclear" && /^(?:every|each)\b/i.test(text)) return askAboutSchedule(schedule);
  if (schedule.kind !== "found" || !text.toLowerCase().startsWith(schedule.words.toLowerCase()))
    return undefined;
  // "Every Friday at 2 PM, remind me to …": the comma after the schedule is no part of the request.
  const rest = schedule.rest.replace(/^[\s,;:–—-]+/, "");
  const remind = REMIND.exec(rest);
  const body = remind
    ? rest.slice(remind[0].length)
    : rest.replace(/^(?:add|create|set up|schedule|new|put|make)\s+/i, "");
  // A reminder at each occurrence needs a time of day, so "every Monday, remind me to …" is not date-only.
  const timed = remind ? findSchedule(text, r, { timed: true }) : schedule;
  const recurrence = timed.kind === "found" ? timed.recurrence : schedule.recurrence;
  return buildAdd(body, r, { recurrence, remindEachTime: remind !== null, startSaid: schedule.startSaid });
}
