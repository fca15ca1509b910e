import { buildAdd } from "./add-intent.ts";
import { askAboutSchedule, askFutureTime, askReminderTime } from "./clarify.ts";
import { findMoment } from "../dates/find-moment.ts";
import type { Intent } from "../intent.ts";
import { instantOfMoment } from "../dates/moment.ts";
import type { Reading } from "../reading.ts";
import { findSchedule } from "../schedule/recurrence.ts";
import { cleanTitle, parseTarget } from "../words/targets.ts";

/**
 * Reminders. "about / of / for <task>" names a task that exists ("Remind me about the dentist
 * appointment tomorrow at 9 AM" → set_reminder); "to <something>" is a new task with a reminder
 * ("remind me in 2 hours to stretch" → add). A schedule makes it a recurring task reminded at
 * each occurrence. Moving a reminder ("move my dentist reminder to 10 AM") sets it anew.
 */

const REMIND = /^(?:remind|ping|alert|notify|nudge)\s+(?:me|us)\b[\s,:]*/i;
// "set up a daily reminder at 7am to meditate": the frequency stays in the body, where the schedule is read.
const SET_REMINDER =
  /^(?:set|create|add|schedule|make|put|give me)\s+(?:up\s+)?(?:a\s+|an\s+|the\s+|my\s+)?(?:new\s+)?(?=(?:(?:daily|weekly|monthly|yearly|recurring|repeating)\s+)?(?:reminder|alert|notification)\b)/i;
const REMINDER_NOUN =
  /^((?:(?:daily|weekly|monthly|yearly)\s+)?)(?:recurring\s+|repeating\s+)?(?:reminder|alert|notification)\b[\s,:]*/i;
const MOVE_VERB = String.raw`(?:move|change|reschedule|push|update|shift|postpone|delay|set|bump|adjust)`;
const MOVE_NAMED = new RegExp(
  String.raw`^${MOVE_VERB}\s+(?:the\s+|my\s+)?(?:reminder|alert)s?\s+(?:for|about|on|of)\s+(.+)$`,
  "i",
);
const MOVE_OWNED = new RegExp(
  String.raw`^${MOVE_VERB}\s+(?:the\s+|my\s+|that\s+|this\s+)?(.*?)\s*(?:'s\s+)?(?:reminder|alert)s?\s+(.+)$`,
  "i",
);
const EXISTING = /^(?:about|of|regarding|re:?|for|on)\s+/i;
const NEW_TASK =
  /^(?:to|that\s+i\s+(?:need|have|should|must)\s+to|that\s+i\s+(?:should|must)|i\s+(?:need|have)\s+to|that)\s+/i;
const TRAILING_FILLER = /\s+(?:instead|again|please|as well|too)$/i;

function reminderAt(moment: ReturnType<typeof findMoment>, r: Reading): string | undefined {
  return moment ? instantOfMoment(moment.moment, r.zone).toISOString() : undefined;
}

function cut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)} ${text.slice(end)}`
    .replace(/\s+/g, " ")
    .replace(TRAILING_FILLER, "")
    .trim();
}

// The words of a reminder request once "remind me" is gone: what, when, and whether the task is new.
function readReminderBody(body: string, r: Reading): Intent {
  const schedule = findSchedule(body, r, { timed: true });
  if (schedule.kind === "unclear") return askAboutSchedule(schedule);
  if (schedule.kind === "found") {
    const title = schedule.rest
      .replace(/^(?:reminders?|alerts?|notifications?)\b\s*/i, "")
      .replace(EXISTING, "")
      .replace(NEW_TASK, "");
    return buildAdd(title, r, {
      recurrence: schedule.recurrence,
      remindEachTime: true,
      startSaid: schedule.startSaid,
    });
  }
  const moment = findMoment(body, r);
  const words = moment ? cut(body, moment.start, moment.end) : body.replace(TRAILING_FILLER, "").trim();
  const isNew =
    NEW_TASK.test(words) || (!EXISTING.test(words) && words !== "" && !/^(?:it|that|this)$/i.test(words));
  if (!moment)
    return askReminderTime(
      cleanTitle(words.replace(EXISTING, "").replace(NEW_TASK, ""), r.quotes) || undefined,
    );
  const at = reminderAt(moment, r);
  if (!at || new Date(at).getTime() <= r.now.getTime())
    return askFutureTime(body.slice(moment.start, moment.end));
  if (isNew) return buildAdd(words.replace(NEW_TASK, ""), r, { reminderAt: at, noDue: true });
  return {
    type: "set_reminder",
    target: parseTarget(words.replace(EXISTING, ""), r.quotes) ?? { kind: "pronoun" },
    at,
  };
}

function readMove(text: string, r: Reading): Intent | undefined {
  const named = MOVE_NAMED.exec(text);
  const owned = named ? undefined : MOVE_OWNED.exec(text);
  const body = named?.[1] ?? (owned ? `${owned[1]} ${owned[2]}` : undefined);
  if (!body) return undefined;
  const moment = findMoment(body, r);
  if (!moment) return askReminderTime(undefined);
  const at = reminderAt(moment, r);
  if (!at || new Date(at).getTime() <= r.now.getTime())
    return askFutureTime(body.slice(moment.start, moment.end));
  const target = parseTarget(cut(body, moment.start, moment.end), r.quotes) ?? { kind: "pronoun" };
  return { type: "set_reminder", target, at };
}

/** "remind me …", "set a reminder for …", "move my dentist reminder to 10 AM". */
export function readReminder(text: string, r: Reading): Intent | undefined {
  const remind = REMIND.exec(text);
  if (remind) return readReminderBody(text.slice(remind[0].length), r);
  const setReminder = SET_REMINDER.exec(text);
  if (setReminder)
    return readReminderBody(
      text
        .slice(setReminder[0].length)
        .replace(REMINDER_NOUN, (noun, frequency: string) => (frequency ? noun : "")),
      r,
    );
  return readMove(text, r);
}
