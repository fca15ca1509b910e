import type { AddIntent, Intent, RenameIntent, Resume } from "../intent.ts";
import type { ScheduleFound } from "../schedule/recurrence.ts";

/**
 * The questions the bot asks instead of guessing. Nothing is created or changed until the user
 * answers; each question says how its answer completes the request (`resume`), so the answer
 * need not repeat the rest of it.
 */

const scheduleAnswer = (phrase?: string, options?: string[]): Resume => ({
  kind: "reread",
  expects: "schedule",
  ...(phrase ? { phrase } : {}),
  ...(options ? { options } : {}),
});
const timeAnswer = (phrase?: string): Resume => ({
  kind: "reread",
  expects: "time",
  ...(phrase ? { phrase } : {}),
});

export function askSchedule(phrase: string): Intent {
  return {
    type: "clarify",
    about: "schedule",
    question: `I couldn't work out the schedule "${phrase}". How often should it repeat? For example "every Monday at 9 AM", "every weekday", "every other week" or "monthly on the 1st".`,
    resume: scheduleAnswer(phrase),
  };
}

export function askUnsupportedSchedule(phrase: string): Intent {
  return {
    type: "clarify",
    about: "schedule",
    question: `I can repeat a task daily, weekly, monthly or yearly at one time of day, but not "${phrase}". What schedule did you mean, for example "every day at 9 AM"?`,
    resume: scheduleAnswer(phrase),
  };
}

/** The question for a schedule that was asked for but could not be read. */
export function askAboutSchedule(found: Extract<ScheduleFound, { kind: "unclear" }>): Intent {
  if (found.question)
    return {
      type: "clarify",
      about: "schedule",
      question: found.question,
      resume: scheduleAnswer(found.phrase, found.options),
    };
  if (found.reason) {
    const question = `I can't set up "${found.phrase}": it ${found.reason}. What schedule did you mean?`;
    return { type: "clarify", about: "schedule", question, resume: scheduleAnswer(found.phrase) };
  }
  return found.unsupported ? askUnsupportedSchedule(found.phrase) : askSchedule(found.phrase);
}

export function askHowOften(title: string | undefined): Intent {
  const what = title ? `"${title}"` : "it";
  return {
    type: "clarify",
    about: "schedule",
    question: `How often should ${what} repeat? For example "every Monday at 9 AM" or "monthly on the 1st".`,
    resume: scheduleAnswer(),
  };
}

export function askReminderTime(title: string | undefined): Intent {
  const what = title ? ` about "${title}"` : "";
  return {
    type: "clarify",
    about: "time",
    question: `When should I remind you${what}? For example "tomorrow at 9 AM" or "in 2 hours".`,
    resume: timeAnswer(),
  };
}

/** `phrase`: the time that has passed, which the answer replaces. */
export function askFutureTime(phrase?: string): Intent {
  return {
    type: "clarify",
    about: "time",
    question: "That time has already passed. When should I remind you instead?",
    resume: timeAnswer(phrase),
  };
}

/** `draft`: the request as far as it was understood; the answer names its task. */
export function askTitle(
  draft?: AddIntent | RenameIntent,
  question = "What should the task be called?",
): Intent {
  return {
    type: "clarify",
    about: "title",
    question,
    ...(draft ? { resume: { kind: "title", intent: draft } } : {}),
  };
}

/** "delete everything": which one task is meant. */
export function askWhichTask(type: "complete" | "reopen" | "delete", question: string): Intent {
  return { type: "clarify", about: "title", question, resume: { kind: "target", intent: type } };
}

/** `guess`: the message read as a title; "yes" then adds `text` (the message as a task). */
export function askUnknown(guess?: string, text?: string): Intent {
  const suggestion = guess
    ? `Do you want me to add "${guess}" as a task? Say "add ${guess}". `
    : "Sorry, I didn't understand that. ";
  return {
    type: "clarify",
    about: "unknown",
    question: `${suggestion}You can say things like "add call mom tomorrow", "show my high-priority tasks" or "mark call mom as done".`,
    ...(guess && text ? { resume: { kind: "confirm", text: `add ${text}` } } : {}),
  };
}

/** "next friday or saturday": two dates offered, one asked for; the answer takes the pair's place. */
export function askWhichDate(phrase: string, options: string[]): Intent {
  return {
    type: "clarify",
    about: "time",
    question: `Which do you mean: ${options.join(" or ")}? A task has one due date.`,
    resume: timeAnswer(phrase),
  };
}

/** "every monday or tuesday": two schedules offered, one asked for. */
export function askWhichSchedule(phrase: string, options: string[]): Intent {
  return {
    type: "clarify",
    about: "schedule",
    question: `Which do you mean: ${options.join(" or ")}? Or say "every Monday and Tuesday" for both.`,
    resume: scheduleAnswer(phrase, options),
  };
}

/** "every few days": how few is asked, with examples. */
export function askHowManyDays(phrase: string): Intent {
  const question = `How often exactly? For example "every 2 days", "every 3 days" or "every Monday and Thursday".`;
  return { type: "clarify", about: "schedule", question, resume: scheduleAnswer(phrase) };
}
