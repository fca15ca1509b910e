import { wallTimeOf } from "../../../time/zoned.ts";
import type { Intent } from "../intent.ts";
import type { Reading } from "../reading.ts";

/**
 * Everyday requests that are no task edit: "thanks!" (a short answer, not the help text), "what's
 * next?" (the next due tasks), "delete all completed tasks" or "… tagged work" (asked about first), and questions
 * the bot cannot answer ("what's the weather in Lisbon?": it says what it can do instead).
 */

const THANKS =
  /^(?:(?:ok(?:ay)?|great|perfect|awesome|cool|nice|brilliant|lovely)[,!.]?\s*)?(?:thanks|thank you|thank u|thx|ty|cheers|many thanks|thanks a lot|much appreciated)(?:\s+(?:so much|a lot|a bunch|again))?[\s!.:)]*$/i;
const ACK =
  /^(?:ok(?:ay)?|great|perfect|awesome|cool|nice|got it|sounds good|good|great job|well done)[\s!.:)]*$/i;
const WHATS_NEXT =
  /^(?:what(?:'s|s|\s+is)\s+(?:next|up next|coming up)|what(?:'s|s|\s+is)\s+my\s+next\s+task|what\s+(?:do|should)\s+i\s+(?:do|work on|tackle)\s+next|next\s+tasks?|(?:show|list)\s+(?:me\s+)?(?:my\s+)?next\s+(?:tasks?|things?))\s*\??$/i;
const DELETE_COMPLETED =
  /^(?:delete|remove|clear|purge|erase|get rid of|clean up|clear out|trash)\s+(?:(?:all|everything|every task)\s+(?:of\s+)?(?:that'?s\s+|that is\s+|i'?ve\s+)?)?(?:my\s+|the\s+)?(?:completed|finished|done|ticked off|checked off)(?:\s+(?:tasks|todos|to-dos|items|ones))?$/i;
// "delete everything tagged work", "remove all tasks with the tag #errands": asked about first, like completed ones.
const DELETE_TAGGED =
  /^(?:delete|remove|clear|purge|erase|get rid of|trash)\s+(?:all|everything|every task)\s+(?:(?:of\s+)?(?:my\s+|the\s+)?(?:tasks|todos|to-dos|items)\s+)?(?:tagged|labell?ed|with\s+(?:the\s+)?(?:tag|label))\s+#?([\p{L}\p{N}][\p{L}\p{N}_-]*)$/iu;
const QUESTION =
  /^(?:what|what's|whats|how|how's|hows|is it|will it|tell me|who|when|where|why|search|google|look up|can you (?:tell|find|check))\b/i;
const OFF_TOPIC =
  /\b(?:weather|forecast|temperature|rain(?:ing)?|snow(?:ing)?|sunny|news|headlines|stocks?|share price|bitcoin|exchange rate|score|joke|recipe|translate|capital of|population|directions to|meaning of life|traffic)\b/i;

export const OFF_TOPIC_REPLY =
  'I can\'t look that up: I only know your tasks. I can add, change, find and remind you about them, for example "remind me to take an umbrella tomorrow at 8am" or "what\'s due this week?".';

/** Read on the message as typed, before courtesy words ("thanks") are stripped from it. */
export function readSmallTalk(message: string): Intent | undefined {
  const text = message.trim();
  if (THANKS.test(text)) return { type: "say", reply: "You're welcome!" };
  if (ACK.test(text)) return { type: "say", reply: "OK. Anything else?" };
  return undefined;
}

export function readEveryday(text: string, r: Reading): Intent | undefined {
  if (WHATS_NEXT.test(text)) {
    // The next *due* tasks, overdue ones first: undated tasks are not "next".
    const today = wallTimeOf(r.now, r.zone).toPlainDate();
    return {
      type: "list",
      filters: {
        status: "pending",
        due_from: today.subtract({ years: 50 }).toString(),
        sort: "due",
        limit: 5,
      },
      phrase: "next tasks",
    };
  }
  if (DELETE_COMPLETED.test(text))
    return { type: "delete_many", filters: { status: "completed" }, phrase: "completed tasks" };
  const tagged = DELETE_TAGGED.exec(text);
  if (tagged) {
    const tag = tagged[1]!.toLowerCase();
    return { type: "delete_many", filters: { tags: [tag] }, phrase: `tasks tagged ${tag}` };
  }
  if (QUESTION.test(text) && OFF_TOPIC.test(text)) return { type: "say", reply: OFF_TOPIC_REPLY };
  return undefined;
}
