import { buildAdd, readAdd } from "./intents/add-intent.ts";
import { askAboutSchedule, askUnknown } from "./intents/clarify.ts";
import { readCancelRecurrence, readCancelReminder } from "./intents/cancel-intents.ts";
import { readSetDue } from "./intents/due-intent.ts";
import { readHelp } from "./intents/help-intent.ts";
import { readUndo } from "./intents/undo-intent.ts";
import { readFollowUp } from "./intents/follow-up-intents.ts";
import { readDescription } from "./intents/description-intent.ts";
import { readEveryday, readSmallTalk } from "./intents/everyday-intents.ts";
import { readAlternatives } from "./intents/alternatives-intent.ts";
import type { Intent, InterpretContext } from "./intent.ts";
import { readList } from "./intents/list-intent.ts";
import { normalizeMessage } from "./words/normalize-message.ts";
import { moveLeadingDate } from "./dates/move-leading-date.ts";
import { readSetPriority } from "./intents/priority-intent.ts";
import type { Reading } from "./reading.ts";
import { findSchedule } from "./schedule/recurrence.ts";
import { readReminder } from "./intents/reminder-intents.ts";
import { readGenericRename, readRename } from "./intents/rename-intent.ts";
import { readMakeRecurring, readScheduleFirst } from "./intents/schedule-intents.ts";
import { readStatusChange } from "./intents/status-intents.ts";
import { readTagEdit } from "./intents/tag-intents.ts";
import { cleanTitle } from "./words/targets.ts";
import { requote } from "./words/quotes.ts";
import { readsLikeATask } from "./words/small-talk.ts";
import { findMoment } from "./dates/find-moment.ts";
import { COMMAND_VERBS } from "./words/vocabulary.ts";

type Grammar = (text: string, r: Reading) => Intent | undefined;

// The order settles overlaps: a cancelled "weekly standup reminder" is a series, not a reminder;
// "add the tag X to Y" is a tag edit, not a new task; "remove the due date from X" is no delete;
// "mark X as not done" is a reopen; a bare "undo" reverses the last change while "undo X" reopens X;
// and "change X to Y" is a rename only when Y is no priority or date.
const GRAMMARS: Grammar[] = [
  readUndo,
  readFollowUp,
  readDescription,
  readEveryday,
  readHelp,
  readCancelRecurrence,
  readCancelReminder,
  readList,
  readAlternatives,
  readMakeRecurring,
  readScheduleFirst,
  readReminder,
  readTagEdit,
  readSetPriority,
  readAdd,
  readRename,
  readSetDue,
  readStatusChange,
  readGenericRename,
];

// A sentence about oneself or a question ("I'm busy tomorrow", "is it due Friday?") is no
// command even with a date in it: it is asked about, not added.
const STATEMENT_OR_QUESTION =
  /^(?:i|i'm|im|i've|i'd|i'll|we|we're|you|you're|it|it's|its|this|that|there|there's|he|she|they|what|what's|whats|when|where|who|why|how|which|whose|is|are|am|was|were|do|does|did|can|could|should|will|would|shall|may|might|have|has)\b/i;

// Nothing matched: a schedule anywhere still makes a recurring task ("water the plants every
// other day"); a schedule we cannot read is asked about. Without a verb, a date or time and some
// other words are a task with that date ("friday at 9 call the bank", "tomorrow 8am dentist").
// Anything else is asked about too.
function fallback(text: string, r: Reading, asked: boolean): Intent {
  const schedule = findSchedule(text, r);
  if (schedule.kind === "found") return buildAdd(text, r);
  if (schedule.kind === "unclear") return askAboutSchedule(schedule);
  const firstWord = text.split(/\s+/)[0]?.toLowerCase() ?? "";
  const command = COMMAND_VERBS.includes(firstWord);
  if (!command && !asked && !STATEMENT_OR_QUESTION.test(text) && findMoment(text, r)) {
    const add = buildAdd(text, r);
    // A clause break left in the title ("sounds good, tomorrow works") is a sentence, not a task.
    if (add.type === "add" && readsLikeATask(add.title) && !/[,;]/.test(add.title)) return add;
    // "buy milk tomorrow, remind me an hour before": a task whose reminder needs a time first.
    if (add.type === "clarify" && add.about === "time") return add;
  }
  // Offer to add it only when it reads like a task, not like a command we failed to follow.
  return askUnknown(command ? undefined : cleanTitle(text, r.quotes) || undefined, requote(text, r.quotes));
}

// A question's answer is read together with the whole request, which only this level sees.
function withRequest(intent: Intent, text: string, r: Reading): Intent {
  if (intent.type !== "clarify" || intent.resume?.kind !== "reread" || intent.resume.text) return intent;
  return { ...intent, resume: { ...intent.resume, text: requote(text, r.quotes) } };
}

/**
 * Turns one chat message into one intent, reading every date and time in the user's zone.
 * Pure and deterministic: the same message, clock and zone always give the same intent.
 * Example: `interpret("remind me in 2 hours to stretch", { now, zone: "Europe/Berlin" })`
 * → `{ type: "add", title: "stretch", reminder_at: <now + 2 h> }`.
 */
export function interpret(message: string, context: InterpretContext): Intent {
  const smallTalk = readSmallTalk(message);
  if (smallTalk) return smallTalk;
  const normalized = normalizeMessage(message);
  const reading: Reading = { ...context, quotes: normalized.quotes };
  const text = moveLeadingDate(normalized.text, reading);
  for (const grammar of GRAMMARS) {
    const intent = grammar(text, reading);
    if (intent) return withRequest(intent, text, reading);
  }
  return withRequest(fallback(text, reading, /\?\s*$/.test(message)), text, reading);
}
