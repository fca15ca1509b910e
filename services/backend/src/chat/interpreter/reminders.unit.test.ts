import { describe, expect, test } from "bun:test";
import type { Intent, TaskRef } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Saturday 2026-11-28, 05:00 in New York (EST, UTC-5).
const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string) => interpret(message, { now: NOW, zone: "America/New_York" });
const title = (text: string): TaskRef => ({ kind: "title", text });
const IT: TaskRef = { kind: "pronoun" };

describe("a reminder about a task that exists", () => {
  test.each<[string, TaskRef, string]>([
    [
      "Remind me about the dentist appointment tomorrow at 9 AM",
      title("dentist appointment"),
      "2026-11-29T14:00:00.000Z",
    ],
    [
      "remind me about the dentist appointment on Friday",
      title("dentist appointment"),
      "2026-12-04T14:00:00.000Z",
    ],
    ["remind me of the dentist appointment at 4pm", title("dentist appointment"), "2026-11-28T21:00:00.000Z"],
    [
      "set a reminder for the dentist appointment tomorrow at 9",
      title("dentist appointment"),
      "2026-11-29T14:00:00.000Z",
    ],
    ["set up a reminder for call mom at 7pm", title("call mom"), "2026-11-29T00:00:00.000Z"],
    ["Remind me about 'call mom' tomorrow at 14:00", title("call mom"), "2026-11-29T19:00:00.000Z"],
    ["remind me about call mom tonight", title("call mom"), "2026-11-29T01:00:00.000Z"],
    ["remind me about it at 6pm", IT, "2026-11-28T23:00:00.000Z"],
    ["remind me about it tomorrow morning", IT, "2026-11-29T14:00:00.000Z"],
    ["remind me tomorrow", IT, "2026-11-29T14:00:00.000Z"],
  ])("%p sets a reminder on the named task", (message, target, at) => {
    expect(read(message)).toEqual({ type: "set_reminder", target, at });
  });

  test.each<[string, TaskRef, string]>([
    ["move my dentist reminder to 10am tomorrow", title("dentist"), "2026-11-29T15:00:00.000Z"],
    ["move the reminder for call mom to 8pm", title("call mom"), "2026-11-29T01:00:00.000Z"],
    ["change the reminder for call mom to Friday at noon", title("call mom"), "2026-12-04T17:00:00.000Z"],
    ["reschedule my dentist reminder for Friday 10:30", title("dentist"), "2026-12-04T15:30:00.000Z"],
  ])("%p moves the reminder to the new time", (message, target, at) => {
    expect(read(message)).toEqual({ type: "set_reminder", target, at });
  });
});

describe("a reminder for something new", () => {
  test.each<[string, Intent]>([
    [
      "remind me in 2 hours to stretch",
      { type: "add", title: "stretch", reminder_at: "2026-11-28T12:00:00.000Z" },
    ],
    [
      "remind me to stretch in 90 minutes",
      { type: "add", title: "stretch", reminder_at: "2026-11-28T11:30:00.000Z" },
    ],
    [
      "remind me in 2 hours and 30 minutes to stretch",
      { type: "add", title: "stretch", reminder_at: "2026-11-28T12:30:00.000Z" },
    ],
    [
      "set a reminder to call mom in 30 min",
      { type: "add", title: "call mom", reminder_at: "2026-11-28T10:30:00.000Z" },
    ],
    [
      "ping me in an hour to check the oven",
      { type: "add", title: "check the oven", reminder_at: "2026-11-28T11:00:00.000Z" },
    ],
    [
      "remind me to call mom tomorrow at 5",
      { type: "add", title: "call mom", reminder_at: "2026-11-29T22:00:00.000Z" },
    ],
    [
      "remind me tomorrow at 9am to take out the trash",
      { type: "add", title: "take out the trash", reminder_at: "2026-11-29T14:00:00.000Z" },
    ],
    [
      "remind me at 2 p.m. to call bob",
      { type: "add", title: "call bob", reminder_at: "2026-11-28T19:00:00.000Z" },
    ],
    [
      "remind me at 8 to call bob",
      { type: "add", title: "call bob", reminder_at: "2026-11-28T13:00:00.000Z" },
    ],
    [
      "remind me that I need to call mom at 6",
      { type: "add", title: "call mom", reminder_at: "2026-11-28T23:00:00.000Z" },
    ],
    [
      "nudge me on Monday to pay the bill",
      { type: "add", title: "pay the bill", reminder_at: "2026-11-30T14:00:00.000Z" },
    ],
    [
      "could you remind me to call the vet on the 3rd at 10am?",
      { type: "add", title: "call the vet", reminder_at: "2026-12-03T15:00:00.000Z" },
    ],
    [
      "add a reminder to buy bread at 5pm",
      { type: "add", title: "buy bread", reminder_at: "2026-11-28T22:00:00.000Z" },
    ],
    [
      "remind me in 2 hours to stretch, high priority",
      { type: "add", title: "stretch", priority: "high", reminder_at: "2026-11-28T12:00:00.000Z" },
    ],
    [
      "remind me to call mom at 6 #family",
      { type: "add", title: "call mom", tags: ["family"], reminder_at: "2026-11-28T23:00:00.000Z" },
    ],
    [
      "at 9 am remind me to call mom",
      { type: "add", title: "call mom", reminder_at: "2026-11-28T14:00:00.000Z" },
    ],
    [
      "tomorrow at 8 remind me to walk the dog",
      { type: "add", title: "walk the dog", reminder_at: "2026-11-29T13:00:00.000Z" },
    ],
    [
      "in 20 minutes remind me to check the oven",
      { type: "add", title: "check the oven", reminder_at: "2026-11-28T10:20:00.000Z" },
    ],
  ])("%p adds a task with a reminder at that instant", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test.each<[string, string, string]>([
    ["remind me every day at 8 to take my pills", "take my pills", "FREQ=DAILY;BYHOUR=8;BYMINUTE=0"],
    ["set up a daily reminder at 7am to meditate", "meditate", "FREQ=DAILY;BYHOUR=7;BYMINUTE=0"],
    [
      "set a weekly reminder to call grandma on Sundays at 6pm",
      "call grandma",
      "FREQ=WEEKLY;BYDAY=SU;BYHOUR=18;BYMINUTE=0",
    ],
  ])("%p becomes a recurring task reminded each time", (message, taskTitle, rrule) => {
    expect(read(message)).toEqual({
      type: "add",
      title: taskTitle,
      recurrence: { rrule },
      remind_each_time: true,
    });
  });
});

describe("a new task with a reminder counted back from its due time", () => {
  test.each<[string, Intent]>([
    [
      "call the vet next tuesday at 4:30pm and remind me an hour before",
      {
        type: "add",
        title: "call the vet",
        due: { date: "2026-12-01", time: "16:30" },
        reminder_at: "2026-12-01T20:30:00.000Z",
      },
    ],
    [
      "dentist on friday at 3pm, remind me 30 minutes before",
      {
        type: "add",
        title: "dentist",
        due: { date: "2026-12-04", time: "15:00" },
        reminder_at: "2026-12-04T19:30:00.000Z",
      },
    ],
    [
      "add submit the report monday at 9am and remind me a day before it's due",
      {
        type: "add",
        title: "submit the report",
        due: { date: "2026-11-30", time: "09:00" },
        reminder_at: "2026-11-29T14:00:00.000Z",
      },
    ],
  ])("%p reminds that long before the due time", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test("with a due day but no time there is nothing to count back from: it asks when", () => {
    expect(read("buy milk tomorrow, remind me an hour before")).toMatchObject({
      type: "clarify",
      about: "time",
    });
  });
});

describe("a reminder that cannot be set as asked", () => {
  test.each([
    [
      "remind me to buy milk",
      'When should I remind you about "buy milk"? For example "tomorrow at 9 AM" or "in 2 hours".',
    ],
    [
      "remind me about call mom",
      'When should I remind you about "call mom"? For example "tomorrow at 9 AM" or "in 2 hours".',
    ],
  ])("%p asks when, instead of guessing a time", (message, question) => {
    expect(read(message)).toMatchObject({
      type: "clarify",
      about: "time",
      question,
      resume: { kind: "reread", expects: "time" },
    });
  });

  test("a time that has already passed is asked about again", () => {
    expect(read("remind me about call mom yesterday at 9")).toMatchObject({
      type: "clarify",
      about: "time",
      question: "That time has already passed. When should I remind you instead?",
      resume: { phrase: "yesterday at 9" },
    });
  });
});

describe("cancelling a reminder", () => {
  test.each<[string, TaskRef]>([
    ["Cancel my dentist reminder", title("dentist")],
    ["turn off the dentist reminder", title("dentist")],
    ["don't remind me about the dentist", title("dentist")],
    ["cancel the reminder for call mom", title("call mom")],
    ["remove the reminder from call mom", title("call mom")],
    ["stop reminding me to stretch", title("stretch")],
    ["delete the reminder on 'call mom'", title("call mom")],
    ["cancel the reminder", IT],
    ["cancel its reminder", IT],
    ["no more reminders for call mom", title("call mom")],
  ])("%p cancels only the reminder", (message, target) => {
    expect(read(message)).toEqual({ type: "cancel_reminder", target });
  });
});
