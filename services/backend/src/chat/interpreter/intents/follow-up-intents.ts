import { findMoment } from "../dates/find-moment.ts";
import { dueOf, instantOfMoment } from "../dates/moment.ts";
import { BEFORE_IT, LEAD, leadMinutes } from "../dates/lead-time.ts";
import { findRelativeMoment } from "../dates/relative-dates.ts";
import type { Intent, TaskRef } from "../intent.ts";
import type { Reading } from "../reading.ts";
import { findSchedule } from "../schedule/recurrence.ts";
import { readTagList } from "../words/tags.ts";
import { targetOrPronoun } from "../words/targets.ts";
import { askAboutSchedule } from "./clarify.ts";

/**
 * Follow-ups about the task the conversation is on: "actually make it friday", "make it every
 * other week", "tag it work", "remind me an hour before", "change the time to 4:30pm", "snooze it
 * for 10 minutes". Read before the other grammars, which would take "make it friday" for a new
 * task called "make it".
 */

// Longest first, so that "this task" is never "this" followed by a title.
const IT = String.raw`(?:that one|this one|this task|that task|the task|it|that|this)`;
const MAKE_IT = new RegExp(
  String.raw`^(?:make|change|set|switch|move|put|turn)\s+${IT}\s+(?:to\s+|for\s+|on\s+|into\s+|as\s+)?(.+)$`,
  "i",
);
const TAG_IT = new RegExp(String.raw`^(?:tag|label)\s+${IT}\s+(?:as\s+|with\s+)?(.+)$`, "i");
const CHANGE_TIME =
  /^(?:change|set|move|make|update|switch|push)\s+(?:the\s+)?time(?:\s+(?:of|for|on)\s+(.+?))?\s+(?:to|at|for)\s+(.+)$/i;
const SNOOZE = /^snooze\b\s*(.*)$/i;
const RENAME_IT = new RegExp(
  String.raw`^(?:rename|retitle|call|name|title)\s+${IT}\s+(?:to\s+|as\s+)?(.+)$`,
  "i",
);
const REMIND_BEFORE = new RegExp(
  String.raw`^(?:remind|ping|alert|notify)\s+(?:me|us)\s+(?:about\s+(.+?)\s+)?${LEAD}${BEFORE_IT}$`,
  "i",
);

// The words after "make it" must be wholly a schedule or a date; anything else (a priority, a
// new title) is left to the grammars that read those.
function makeIt(rest: string, target: TaskRef, r: Reading): Intent | undefined {
  const schedule = findSchedule(rest, r);
  if (schedule.kind === "found" && schedule.rest.replace(/^(?:instead|then|please|now)$/i, "") === "")
    return { type: "make_recurring", target, recurrence: schedule.recurrence };
  if (schedule.kind === "unclear" && /^(?:every|each)\b/i.test(rest)) return askAboutSchedule(schedule);
  const moment = findMoment(rest, r);
  if (
    !moment ||
    rest.slice(0, moment.start).trim() !== "" ||
    !/^(?:\s*(?:instead|then|please|now))*\s*$/i.test(rest.slice(moment.end))
  )
    return undefined;
  const due = dueOf(moment.moment, true);
  return { type: "set_due", target, due: due.time ? due : { ...due, keep_time: true } };
}

export function readFollowUp(text: string, r: Reading): Intent | undefined {
  const make = MAKE_IT.exec(text);
  if (make) return makeIt(make[1] ?? "", { kind: "pronoun" }, r);
  const tag = TAG_IT.exec(text);
  if (tag) {
    const list = readTagList((tag[1] ?? "").replace(/^(?:the\s+)?tags?\s*:?\s*/i, ""), r.quotes);
    if (list.tags.length > 0) return { type: "add_tags", target: { kind: "pronoun" }, tags: list.tags };
  }
  const before = REMIND_BEFORE.exec(text);
  const minutes = before ? leadMinutes(before[0], before[2], before[3]) : undefined;
  if (before && minutes)
    return { type: "remind_before", target: targetOrPronoun(before[1] ?? "", r.quotes), minutes };
  const time = CHANGE_TIME.exec(text);
  const moment = time ? findMoment(time[2] ?? "", r) : undefined;
  if (time && moment?.moment.time)
    return {
      type: "set_due",
      target: targetOrPronoun(time[1] ?? "", r.quotes),
      due: { ...dueOf(moment.moment, true), keep_date: true },
    };
  const rename = RENAME_IT.exec(text);
  // "call it a day" is an idiom, not a new name.
  if (rename?.[1] && !/^(?:a day|quits|even|done)$/i.test(rename[1].trim()))
    return { type: "rename", target: { kind: "pronoun" }, title: rename[1].trim() };
  const snooze = SNOOZE.exec(text);
  return snooze ? readSnooze(snooze[1] ?? "", r) : undefined;
}

// "snooze", "snooze it for an hour", "snooze call mom until tomorrow": a reminder later (10 minutes unless said).
function readSnooze(words: string, r: Reading): Intent | undefined {
  const when = /(?:^|\s+)(?:(for|by)|(until|till|to))\s+(.+)$/i.exec(words);
  const named = when ? words.slice(0, when.index) : words;
  let at: Date | undefined;
  if (!when) at = new Date(r.now.getTime() + 10 * 60_000);
  else if (when[1]) at = findRelativeMoment(`in ${when[3]}`, r.now, r.zone)?.moment.instant;
  else {
    const moment = findMoment(when[3] ?? "", r)?.moment;
    at = moment ? instantOfMoment(moment, r.zone) : undefined;
  }
  return at && at > r.now
    ? { type: "set_reminder", target: targetOrPronoun(named, r.quotes), at: at.toISOString() }
    : undefined;
}
