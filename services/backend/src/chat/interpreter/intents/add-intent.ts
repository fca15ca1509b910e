import { askAboutSchedule, askHowOften, askReminderTime, askTitle } from "./clarify.ts";
import { findMoment } from "../dates/find-moment.ts";
import { BEFORE_IT, LEAD, leadMinutes } from "../dates/lead-time.ts";
import type { AddIntent, Intent, Recurrence } from "../intent.ts";
import { dueOf, instantOfMoment } from "../dates/moment.ts";
import { extractPriority, tagLikeWord } from "../words/priority.ts";
import { restoreQuotes } from "../words/quotes.ts";
import type { Reading } from "../reading.ts";
import { isDateOnly } from "../../../recurrence/date-only.ts";
import { anchorToDue, findSchedule, type ScheduleFound } from "../schedule/recurrence.ts";
import { findClockTime } from "../dates/time-of-day.ts";
import { extractTags } from "../words/tags.ts";
import { cleanTitle } from "../words/targets.ts";

/**
 * New tasks: "add call mom", "Add a high-priority task: buy flight tickets, tags: travel, urgent",
 * "create a task Prepare Slides with tags Work and Presentation", "add renew passport due next Friday",
 * "new task: standup every Monday at 9". Slots are cut out one by one; what is left is the title.
 */

export type AddOptions = {
  recurrence?: Recurrence;
  remindEachTime?: boolean;
  reminderAt?: string;
  noDue?: boolean;
  startSaid?: boolean;
};

// "put" adds only onto a list ("put milk on my list"); "put X to high priority" is a priority change.
const ADD_VERB =
  /^(?:add|create|new|insert|put(?=\s.*\b(?:on|in|onto)\s+(?:my|the)\s+(?:todo\s+|to-do\s+)?(?:list|tasks)\b)|jot down|note down|set up|schedule|make\s+(?=(?:a|an|me a|another)\s+(?:new\s+)?(?:task|todo|to-do|item|entry)\b)|(?:new\s+)?(?:task|todo|to-do)\s*[:-])\s*/i;
const DESCRIPTION =
  /(?:\s*[,;]\s*|\s+)(?:(?:with|and)\s+(?:the\s+|a\s+)?)?(?:description|desc|notes?|details?)\s*(?:[:=-]\s*|\s+(?:saying|that says)\s+)(.+)$/i;
const REMIND_EACH_TIME =
  /(?:\s*,\s*|\s+)(?:and\s+)?(?:remind me|with (?:a )?reminders?|notify me)(?:\s+(?:each|every)\s+time)?$/i;
const REMIND_LEAD = new RegExp(String.raw`^(?:me\s+)?${LEAD}${BEFORE_IT}\b`, "i");
const REMIND_AT =
  /(?:\s*,\s*|\s+)(?:and\s+)?(?:remind me|with a reminder|set a reminder|reminder|notify me)\b\s*/i;

const REPEATING = /\b(?:recurring|repeating)\b/i;
const LEADING_FREQUENCY =
  /^(daily|nightly|weekly|monthly|yearly|(?:mon|tues|wednes|thurs|fri|satur|sun)days)\s+(?=\p{L})/iu;
const ONLY_A_CLOCK = /^\s*(?:at|@|around|about|by)?\s*$/i;

// "daily standup at 9", "Mondays gym at 6": a frequency word or plural weekday first and a time of
// day after the name is a schedule, where "daily standup notes", "Mondays meeting notes" or
// "weekly report due Friday" is only a title. Read as the adverb it stands for, moved after the
// name: "standup at 9 daily".
function leadingFrequency(rest: string, r: Reading): ScheduleFound {
  const m = LEADING_FREQUENCY.exec(rest);
  if (!m?.[1]) return { kind: "none" };
  const body = rest.slice(m[0].length);
  const moment = findMoment(body, r);
  const words = moment ? body.slice(moment.start, moment.end) : "";
  const clock = findClockTime(words);
  const onlyClock = clock && ONLY_A_CLOCK.test(`${words.slice(0, clock.start)} ${words.slice(clock.end)}`);
  // "monthly pay rent on the 1st": a day said with "on" is the schedule's ("due Friday" is the title's).
  if (!onlyClock && !/^on\s/i.test(words)) return { kind: "none" };
  return findSchedule(`${body} ${m[1]}`, r);
}

// "yearly: renew domain on march 3": a date-only series whose day is said apart from it starts there.
function anchorOnDay(rest: string, recurrence: Recurrence, r: Reading) {
  const day = findMoment(rest, r);
  if (!day || !/^on\s/i.test(rest.slice(day.start, day.end))) return undefined;
  return {
    recurrence: anchorToDue(recurrence, day.moment.date, day.moment.time),
    rest: cut(rest, day.start, day.end),
  };
}
function timedSchedule(text: string, r: Reading): Recurrence | undefined {
  const schedule = findSchedule(text, r, { timed: true });
  return schedule.kind === "found" ? schedule.recurrence : undefined;
}

const NO_TITLE = /^(?:(?:a|an|the|new|one|another)\s+)*(?:task|todo|to-do|item|entry|reminder|something)$/i;

/** True when the message opens with an add verb ("add", "create", "new task:"). */
export function startsWithAdd(text: string): boolean {
  return ADD_VERB.test(text);
}

function withoutAddVerb(text: string): string {
  return text.replace(ADD_VERB, "");
}

function cut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)} ${text.slice(end)}`.replace(/\s+/g, " ").trim();
}

/** `minutes` before the due time, or undefined when there is no due time or that has passed. */
function countedBack(due: ReturnType<typeof findMoment>, minutes: number, r: Reading): string | undefined {
  if (!due?.moment.time) return undefined;
  const at = instantOfMoment(due.moment, r.zone).getTime() - minutes * 60_000;
  return at > r.now.getTime() ? new Date(at).toISOString() : undefined;
}

/**
 * The schedule a new task's words hold, with the words left for its title; a question when it is
 * unreadable, or when "a recurring task" says none.
 */
function scheduleIn(
  text: string,
  r: Reading,
): Intent | { recurrence?: Recurrence; startSaid: boolean; rest: string } {
  let schedule = findSchedule(text, r);
  if (schedule.kind === "none") schedule = leadingFrequency(text, r);
  if (schedule.kind === "unclear") return askAboutSchedule(schedule);
  if (schedule.kind !== "found") {
    // "a recurring task to …" with no schedule
    if (REPEATING.test(text))
      return askHowOften(cleanTitle(text.replace(REPEATING, " "), r.quotes) || undefined);
    return { startSaid: false, rest: text };
  }
  return schedule;
}

/** Builds an add from the words after the verb. Reminder and schedule may already be known (from "remind me …"). */
export function buildAdd(body: string, r: Reading, options: AddOptions = {}): Intent {
  let rest = body;
  const intent: Omit<AddIntent, "title"> = { type: "add" };
  const description = DESCRIPTION.exec(rest);
  if (description?.[1]) {
    intent.description = restoreQuotes(description[1], r.quotes).trim();
    rest = rest.slice(0, description.index);
  }
  const tagged = extractTags(rest, r.quotes);
  rest = tagged.rest;
  const beforePriority = rest;
  const prioritized = extractPriority(rest);
  rest = prioritized.rest;
  let recurrence = options.recurrence;
  let startSaid = options.startSaid ?? false;
  let remindEachTime = options.remindEachTime ?? false;
  const beforeSchedule = rest;
  if (!recurrence) {
    const schedule = scheduleIn(rest, r);
    if ("type" in schedule) return schedule;
    if (schedule.recurrence) ({ recurrence, startSaid, rest } = schedule);
  }
  const anchored =
    recurrence && !startSaid && isDateOnly(recurrence) ? anchorOnDay(rest, recurrence, r) : undefined;
  if (anchored) ({ recurrence, rest } = anchored);
  let reminderAt = options.reminderAt;
  if (recurrence && REMIND_EACH_TIME.test(rest)) {
    remindEachTime = true;
    rest = rest.replace(REMIND_EACH_TIME, "");
    // "water plants every Monday and remind me": a reminder needs a time, so the series gets one.
    if (!options.recurrence && isDateOnly(recurrence))
      recurrence = timedSchedule(beforeSchedule, r) ?? recurrence;
  }
  const remind = recurrence || reminderAt ? null : REMIND_AT.exec(rest);
  const lead = remind ? REMIND_LEAD.exec(rest.slice(remind.index + remind[0].length)) : null;
  // "… at 4:30pm and remind me an hour before": counted back from the due time, read below.
  const leadBefore = lead ? leadMinutes(lead[0], lead[1], lead[2]) : undefined;
  if (remind && lead)
    rest = `${rest.slice(0, remind.index)} ${rest.slice(remind.index + remind[0].length + lead[0].length)}`;
  else if (remind) {
    const tail = rest.slice(remind.index + remind[0].length);
    const moment = findMoment(tail, r);
    if (!moment) return askReminderTime(cleanTitle(rest.slice(0, remind.index), r.quotes) || undefined);
    reminderAt = instantOfMoment(moment.moment, r.zone).toISOString();
    rest = `${rest.slice(0, remind.index)} ${cut(tail, moment.start, moment.end)}`;
  }
  const due = !recurrence && !options.noDue ? findMoment(rest, r) : undefined;
  if (due) {
    intent.due = dueOf(due.moment);
    rest = cut(rest, due.start, due.end);
  }
  const title = cleanTitle(rest, r.quotes);
  if (leadBefore !== undefined) {
    reminderAt = countedBack(due, leadBefore, r);
    if (!reminderAt) return askReminderTime(title || undefined);
  }
  const add: AddIntent = {
    ...intent,
    title,
    ...(prioritized.priority ? { priority: prioritized.priority } : {}),
    ...(prioritized.priority && tagLikeWord(beforePriority, prioritized.rest)
      ? { priority_word: tagLikeWord(beforePriority, prioritized.rest) }
      : {}),
    ...(tagged.tags.length > 0 ? { tags: tagged.tags } : {}),
    ...(reminderAt ? { reminder_at: reminderAt } : {}),
    ...(recurrence ? { recurrence } : {}),
    ...(recurrence && remindEachTime ? { remind_each_time: true } : {}),
    ...(recurrence && startSaid ? { start_said: true } : {}),
  };
  // No name yet: the answer to the question names it, and keeps what was said ("add a task for tomorrow at 5").
  if (!title || NO_TITLE.test(title) || NO_TITLE.test(rest.replace(/[\s,:;.!-]+$/, "").trim()))
    return askTitle({ ...add, title: "" });
  return add;
}

/** "add …", "create …", "new task: …"; undefined when the message does not open with an add verb. */
export function readAdd(text: string, r: Reading): Intent | undefined {
  if (!startsWithAdd(text)) return undefined;
  return buildAdd(withoutAddVerb(text), r);
}
