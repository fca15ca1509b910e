import type { TaskFrequency } from "@todo/schemas";
import type { Intent, TaskRef } from "../intent.ts";
import type { Reading } from "../reading.ts";
import { parseTarget } from "../words/targets.ts";

/**
 * Stopping reminders and series. "Cancel my dentist reminder" cancels a reminder; "Stop the weekly
 * standup reminder" stops the series, because "weekly" (or "daily", "recurring"…) says the user
 * means the repeating task. Those words are not part of the title: the task is "standup".
 */

const CANCEL = String.raw`(?:cancel|stop|end|remove|delete|turn off|switch off|disable|clear|drop|kill|unset|mute|silence|dismiss|discontinue|halt|pause|get rid of|scrap|deactivate|unschedule|no more)`;
// "delete the weekly report" deletes a task named so; only these verbs stop a series by its adjective.
const STOP = String.raw`(?:cancel|stop|end|turn off|switch off|disable|kill|discontinue|halt|pause|deactivate|unschedule|no more)`;
const RECURRING_WORD = String.raw`(?:weekly|daily|monthly|yearly|annual|nightly|recurring|repeating|recurrent|regular|repeated|bi-?weekly|fortnightly|quarterly)`;
const REMINDER_NOUN = String.raw`(?:reminders?|alerts?|notifications?)`;
const SERIES_NOUN = String.raw`(?:recurrences?|repetitions?|series|schedule|repeats?|recurring schedule)`;
const OWNER = String.raw`(?:the\s+|my\s+|this\s+|that\s+|our\s+|its\s+)?`;

const RECURRENCE_PATTERNS: RegExp[] = [
  new RegExp(String.raw`^${CANCEL}\s+${OWNER}${SERIES_NOUN}\s+(?:of|for|on)\s+(.+)$`, "i"),
  new RegExp(String.raw`^${CANCEL}\s+(?:repeating|recurring)\s+(.+)$`, "i"),
  /^(?:don'?t|do not|never)\s+(?:repeat|recur)\s+(.+?)(?:\s+any\s?more)?$/i,
  /^(.+?)\s+(?:should|must|does|do|will|needs to|need to)?\s*(?:no longer|not|n't|never)\s+(?:need to\s+)?(?:repeat|recur)s?(?:\s+any\s?more)?$/i,
  /^(.+?)\s+(?:shouldn'?t|doesn'?t|won'?t)\s+(?:need to\s+)?(?:repeat|recur)(?:\s+any\s?more)?$/i,
  /^make\s+(.+?)\s+(?:a\s+)?(?:non-?recurring|not recurring|one-?off|one-?time|single)(?:\s+task)?$/i,
  /^stop\s+(.+?)\s+from\s+(?:repeating|recurring)$/i,
  new RegExp(String.raw`^${CANCEL}\s+${OWNER}(.+?)\s+${SERIES_NOUN}$`, "i"),
  new RegExp(String.raw`^${STOP}\s+${OWNER}(.*\b${RECURRING_WORD}\b.*)$`, "i"),
];

const REMINDER_PATTERNS: RegExp[] = [
  new RegExp(String.raw`^${CANCEL}\s+${OWNER}${REMINDER_NOUN}\s+(?:for|about|on|of|to|from)\s+(.+)$`, "i"),
  new RegExp(
    String.raw`^${CANCEL}\s+${OWNER}(.*?)\s*(?:'s\s+)?${REMINDER_NOUN}(?:\s+(?:for|on)\s+(?:it|that))?$`,
    "i",
  ),
  /^(?:don'?t|do not|no need to|never)\s+remind\s+me\s+(?:about|of|to|regarding)\s+(.+?)(?:\s+any\s?more|\s+after all)?$/i,
  /^stop\s+reminding\s+me\s+(?:about|of|to)\s+(.+)$/i,
  new RegExp(
    String.raw`^(.+?)\s+(?:doesn'?t|does not)\s+need\s+a\s+${REMINDER_NOUN}(?:\s+any\s?more)?$`,
    "i",
  ),
];

// "my daily reminder to take pills" is the task "take pills".
const STRIP_RECURRING = new RegExp(
  String.raw`\b${RECURRING_WORD}\b|\b${REMINDER_NOUN}(?:\s+(?:to|for|about|of)\b)?|\b${SERIES_NOUN}$|\bevery\s+\w+`,
  "gi",
);

function targetOf(raw: string | undefined, r: Reading, stripRecurring: boolean): TaskRef {
  const text = stripRecurring ? (raw ?? "").replace(STRIP_RECURRING, " ") : (raw ?? "");
  return parseTarget(text, r.quotes) ?? { kind: "pronoun" };
}

const FREQUENCY: Record<string, TaskFrequency> = {
  daily: "daily",
  nightly: "daily",
  weekly: "weekly",
  monthly: "monthly",
  yearly: "yearly",
  annual: "yearly",
};

function cancelSeries(raw: string | undefined, r: Reading): Intent {
  const word = /\b(daily|nightly|weekly|monthly|yearly|annual)\b/i.exec(raw ?? "")?.[1]?.toLowerCase();
  const frequency = word ? FREQUENCY[word] : undefined;
  return { type: "cancel_recurrence", target: targetOf(raw, r, true), ...(frequency ? { frequency } : {}) };
}

function isRecurringWord(text: string): boolean {
  return new RegExp(String.raw`\b${RECURRING_WORD}\b`, "i").test(text);
}

/** "Stop the weekly standup reminder", "cancel the recurrence of X", "don't repeat X anymore". */
export function readCancelRecurrence(text: string, r: Reading): Intent | undefined {
  for (const pattern of RECURRENCE_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return cancelSeries(m[1], r);
  }
  return undefined;
}

/** "Cancel my dentist reminder", "don't remind me about X", "remove the reminder from X". */
export function readCancelReminder(text: string, r: Reading): Intent | undefined {
  for (const pattern of REMINDER_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    if (isRecurringWord(m[1] ?? "")) return cancelSeries(m[1], r);
    return { type: "cancel_reminder", target: targetOf(m[1], r, false) };
  }
  return undefined;
}
