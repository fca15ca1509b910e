import { findSchedule } from "../schedule/recurrence.ts";
import { askWhichTask } from "./clarify.ts";
import type { Intent } from "../intent.ts";
import type { Reading } from "../reading.ts";
import { targetOrPronoun } from "../words/targets.ts";

/**
 * Completing, reopening and deleting: "Mark call mom as done", "I finished call mom", "done with
 * call mom", "call mom is done"; "reopen X", "mark X as not done", "X isn't done yet"; "Delete the
 * water the plants task", "remove call mom", "get rid of X". With no task named ("mark it done",
 * "done"), the task last talked about is meant.
 */

type StatusChange = "complete" | "reopen" | "delete";

const DONE = String.raw`(?:done|complete|completed|finished|finish|closed|resolved|checked off|ticked off|sorted|handled|taken care of)`;
const NOT_DONE = String.raw`(?:not\s+done|not\s+complete(?:d)?|not\s+finished|incomplete|undone|unfinished|uncompleted|not\s+yet\s+done|pending|open|active|to\s*do|to-do)`;
const TAIL = String.raw`(?:\s+(?:now|already|yet|again|after all|today|for today|finally|off\s+(?:my|the)\s+list))*`;

const REOPEN: RegExp[] = [
  /^(?:reopen|re-open|unmark|uncomplete|un-complete|undo|unfinish|restore|reactivate|revive|unarchive|uncheck|untick|resume)\b\s*(.*)$/i,
  new RegExp(
    String.raw`^(?:mark|set|flag|move|put|change|turn)\s+(.+?)\s+(?:as\s+|to\s+|back\s+to\s+|back\s+as\s+)?${NOT_DONE}(?:\s+again)?$`,
    "i",
  ),
  new RegExp(
    String.raw`^(.+?)(?:\s+(?:isn'?t|is\s+not|wasn'?t|was\s+not|aren'?t|are\s+not)|'s\s+not)\s+(?:actually\s+|really\s+|quite\s+)?${DONE}${TAIL}$`,
    "i",
  ),
  new RegExp(
    String.raw`^(?:i\s+|we\s+)?(?:didn'?t|did\s+not|haven'?t|have\s+not|never)\s+(?:actually\s+|really\s+)?(?:finish|complete|do|done|finished|completed)\s+(.+?)${TAIL}$`,
    "i",
  ),
  /^(?:open|start)\s+(.+?)\s+again$/i,
  /^(.+?)\s+(?:needs?|has)\s+to\s+be\s+(?:redone|reopened|done again)$/i,
];

const COMPLETE: RegExp[] = [
  new RegExp(
    String.raw`^(?:mark|set|flag|tick|check|cross|put|move|turn)\s+(?:off\s+)?(.+?)\s+(?:as\s+|to\s+)?${DONE}${TAIL}$`,
    "i",
  ),
  new RegExp(String.raw`^(?:mark|set|flag)\s+(?:it\s+)?(?:as\s+)?${DONE}\s*:?\s*(.*)$`, "i"),
  /^(?:tick|check|cross|strike)\s+off\s+(.+)$/i,
  /^(?:tick|check|cross|strike)\s+(.+?)\s+off(?:\s+(?:of\s+)?(?:my|the)\s+list)?$/i,
  /^(?:complete|finish|close|resolve|accomplish|done with|finished with|completed|finished|done)\b\s*:?\s*(.*)$/i,
  new RegExp(
    String.raw`^(?:i|we)(?:'ve|'m|\s+have|\s+am|\s+just|\s+already|\s+finally)*\s+(?:just\s+|already\s+|finally\s+)?(?:finished|completed|done|did|got done|wrapped up|took care of|handled|sorted)\s+(?:with\s+)?(.+?)${TAIL}$`,
    "i",
  ),
  /^(?:got|get)\s+(.+?)\s+done$/i,
];
// "call mom is done", "call mom done": tried after delete, so that "remove finished" stays a delete.
const COMPLETE_AFTERWARDS: RegExp[] = [
  new RegExp(
    String.raw`^(.+?)(?:'s|\s+(?:is|was|are|has been|have been|got))?\s+(?:all\s+|now\s+|finally\s+)?${DONE}${TAIL}$`,
    "i",
  ),
];

const DELETE: RegExp[] = [
  /^(?:delete|remove|erase|trash|discard|scrap|bin|nuke|kill|cancel|get rid of|throw away|throw out|toss|ditch|forget(?:\s+about)?|cross out|drop)\b\s*(.*?)(?:\s+(?:from|off)\s+(?:of\s+)?(?:my\s+|the\s+)?(?:list|tasks|todo list|to-do list|todos))?$/i,
  /^take\s+(.+?)\s+off(?:\s+(?:of\s+)?(?:my|the)\s+(?:list|tasks|todo list))?$/i,
  /^(.+?)\s+(?:can|should|must)\s+be\s+(?:deleted|removed|cancelled|canceled|dropped)$/i,
];
const EVERYTHING = /^(?:all|everything|every task|all (?:my |the )?tasks|all of them)$/i;

function read(type: StatusChange, patterns: RegExp[], text: string, r: Reading): Intent | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    const named = (m[1] ?? "").trim();
    // "bin day every thursday evening", "drop off parcels every monday": a schedule makes it a new
    // task whose name starts with a verb, never a change to one; "cancel yoga every tuesday" stops
    // the yoga series.
    const schedule = findSchedule(named, r);
    if (schedule.kind === "found" && /^cancel\b/i.test(text) && schedule.rest)
      return { type: "cancel_recurrence", target: targetOrPronoun(schedule.rest, r.quotes) };
    if (schedule.kind === "found") return undefined;
    // One task at a time: "delete everything" is not a request to guess which.
    if (EVERYTHING.test(named))
      return askWhichTask(
        type,
        `Which task should I ${type === "delete" ? "delete" : type === "complete" ? "mark as done" : "reopen"}? I change one task at a time.`,
      );
    return { type, target: targetOrPronoun(named, r.quotes) };
  }
  return undefined;
}

/** Reopen is tried first, so that "mark X as not done" never reads as done. */
export function readStatusChange(text: string, r: Reading): Intent | undefined {
  return (
    read("reopen", REOPEN, text, r) ??
    read("complete", COMPLETE, text, r) ??
    read("delete", DELETE, text, r) ??
    read("complete", COMPLETE_AFTERWARDS, text, r)
  );
}
