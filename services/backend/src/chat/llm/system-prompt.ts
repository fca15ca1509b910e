import { DAY_NAMES } from "@todo/schemas/recurrence";
import { wallTimeOf } from "../../time/zoned.ts";
import type { InterpretContext } from "../interpreter/intent.ts";

/**
 * What the model is told before the user's message: who it is, the user's "now" and zone (it
 * cannot know them), and how to use the tools. Times stay local wall times; the adapter does
 * the zone arithmetic.
 */
export function systemPrompt({ now, zone }: InterpretContext): string {
  const wall = wallTimeOf(now, zone);
  const local = `${DAY_NAMES[wall.dayOfWeek - 1]} ${wall.toString({ smallestUnit: "minute" })}`;
  return [
    "You turn one message of a todo app's user into tool calls. Call one tool per action the user asks for, in the order asked; never answer in prose when a tool fits.",
    `The user's time zone is ${zone}; it is now ${local} there. Give every date and time as the user's local wall time (YYYY-MM-DD, HH:mm, YYYY-MM-DDTHH:mm); never convert to UTC.`,
    'Weeks start on Monday. "next Friday" is the coming Friday. A time without AM/PM from 1 to 6 means PM; 7 to 11 means AM.',
    'Name an existing task by its title as the user said it, or "it" for the task just talked about.',
    'Recurring tasks: add_task with recurrence.rrule (RFC 5545, FREQ DAILY/WEEKLY/MONTHLY/YEARLY; BYHOUR and BYMINUTE when a time is given; with no time the series is all-day, so leave them out rather than inventing 9 AM). "Every Friday at 2 PM remind me to X" is add_task with title X, that rule and remind_each_time true.',
    "A one-time reminder on a new task is add_task.reminder_at; on an existing task, set_reminder.",
    "When a schedule, a date or the task meant is unclear, call ask_user with a short question instead of guessing.",
    "Earlier turns of the conversation come before the message. When the message answers your last question, complete the request that question was about, keeping everything the user already said.",
  ].join("\n");
}
