import type { Intent } from "../intent.ts";
import type { ScheduleFound } from "../schedule/recurrence.ts";

/** The questions the bot asks instead of guessing. Nothing is created or changed until the user answers. */

export function askSchedule(phrase: string): Intent {
  return {
    type: "clarify",
    about: "schedule",
    question: `I couldn't work out the schedule "${phrase}". How often should it repeat? For example "every Monday at 9 AM", "every weekday", "every other week" or "monthly on the 1st".`,
  };
}

export function askUnsupportedSchedule(phrase: string): Intent {
  return {
    type: "clarify",
    about: "schedule",
    question: `I can repeat a task daily, weekly, monthly or yearly at one time of day, but not "${phrase}". What schedule did you mean, for example "every day at 9 AM"?`,
  };
}

/** The question for a schedule that was asked for but could not be read. */
export function askAboutSchedule(found: Extract<ScheduleFound, { kind: "unclear" }>): Intent {
  if (found.question) return { type: "clarify", about: "schedule", question: found.question };
  if (found.reason) {
    return { type: "clarify", about: "schedule", question: `I can't set up "${found.phrase}": it ${found.reason}. What schedule did you mean?` };
  }
  return found.unsupported ? askUnsupportedSchedule(found.phrase) : askSchedule(found.phrase);
}

export function askHowOften(title: string | undefined): Intent {
  const what = title ? `"${title}"` : "it";
  return { type: "clarify", about: "schedule", question: `How often should ${what} repeat? For example "every Monday at 9 AM" or "monthly on the 1st".` };
}

export function askReminderTime(title: string | undefined): Intent {
  const what = title ? ` about "${title}"` : "";
  return { type: "clarify", about: "time", question: `When should I remind you${what}? For example "tomorrow at 9 AM" or "in 2 hours".` };
}

export function askFutureTime(): Intent {
  return { type: "clarify", about: "time", question: "That time has already passed. When should I remind you instead?" };
}

export function askDueDate(title: string | undefined): Intent {
  const what = title ? ` "${title}"` : " it";
  return { type: "clarify", about: "time", question: `When is${what} due? For example "Friday" or "5 Dec".` };
}

export function askTitle(question = "What should the task be called?"): Intent {
  return { type: "clarify", about: "title", question };
}

export function askUnknown(guess?: string): Intent {
  const suggestion = guess ? `Do you want me to add "${guess}" as a task? Say "add ${guess}". ` : "Sorry, I didn't understand that. ";
  return {
    type: "clarify",
    about: "unknown",
    question: `${suggestion}You can say things like "add call mom tomorrow", "show my high-priority tasks" or "mark call mom as done".`,
  };
}
