import { describe, expect, test } from "bun:test";
import { normalizeRecurrence } from "../../recurrence/normalize-recurrence.ts";
import type { Intent, Recurrence } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Words that look like schedules or times inside titles, bare hours, ambiguous ordinals, and
// "to" inside titles being renamed. Saturday 2026-11-28 10:00 UTC unless a test says otherwise.
const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string, zone = "Europe/Berlin", now = NOW) => interpret(message, { now, zone });
const rule = (intent: Intent) =>
  intent.type === "add" || intent.type === "make_recurring" ? intent.recurrence?.rrule : undefined;
const titleOf = (intent: Intent) => (intent.type === "add" ? intent.title : undefined);

describe("a frequency word inside a title is part of the title, not a schedule", () => {
  test.each([
    ["add weekly report every Friday", "weekly report", "FREQ=WEEKLY;BYDAY=FR"],
    ["weekly report every Friday at 3pm", "weekly report", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15;BYMINUTE=0"],
    ["every Friday at 3pm weekly report", "weekly report", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15;BYMINUTE=0"],
    [
      "add weekly team sync every Monday at 10",
      "weekly team sync",
      "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0",
    ],
    [
      "submit the monthly invoice every month on the 1st",
      "submit the monthly invoice",
      "FREQ=MONTHLY;BYMONTHDAY=1",
    ],
    [
      "send the daily digest every weekday at 8:30",
      "send the daily digest",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30",
    ],
  ])("%s → %s, %s", (message, title, rrule) => {
    const intent = read(message);
    expect(titleOf(intent)).toBe(title);
    expect(rule(intent)).toBe(rrule);
  });

  test.each([
    "add weekly report",
    "add the monthly newsletter draft",
    "add daily standup notes",
    "add yearly review prep",
    "create a task: read the weekly digest",
  ])("%s has no schedule", (message) => {
    const intent = read(message);
    expect(intent.type).toBe("add");
    expect(rule(intent)).toBeUndefined();
    expect(titleOf(intent)).toBe(message.replace(/^(?:add (?:the )?|create a task: )/, ""));
  });
});

describe("a weekday right before a noun names the thing, not the day", () => {
  test.each([
    ["add Monday standup notes", "Monday standup notes", undefined],
    ["add Friday drinks with the team", "Friday drinks with the team", undefined],
    ["add Monday standup notes due Tuesday", "Monday standup notes", "2026-12-01"],
    ["add prepare the Sunday roast on Saturday", "prepare the Sunday roast", "2026-11-28"],
    ["add Tuesday retro slides by Wednesday", "Tuesday retro slides", "2026-12-02"],
  ])("%s → %s, due %s", (message, title, due) => {
    const intent = read(message);
    expect(intent).toMatchObject({ type: "add", title });
    expect(intent.type === "add" ? intent.due?.date : undefined).toBe(due);
  });

  test.each([
    ["add call mom Monday", "2026-11-30"],
    ["add call mom on Monday", "2026-11-30"],
    ["add call mom Monday at 5", "2026-11-30"],
    ["add call mom next Monday", "2026-11-30"],
    ["Monday add call mom", "2026-11-30"],
  ])("%s is due %s", (message, due) => {
    expect(read(message)).toMatchObject({ type: "add", title: "call mom", due: { date: due } });
  });

  test("a recurring task keeps a weekday in its title", () => {
    expect(read("every Tuesday prepare Monday standup notes")).toMatchObject({
      title: "prepare Monday standup notes",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=TU" },
    });
  });
});

describe("bare hours: 1 to 6 are PM, 7 to 12 as written, unless a part of the day or a 24 h clock says otherwise", () => {
  const hourOf = (intent: Intent) =>
    intent.type === "add"
      ? (intent.due?.time ??
        intent.recurrence?.rrule
          .match(/BYHOUR=(\d+);BYMINUTE=(\d+)/)
          ?.slice(1)
          .join(":"))
      : undefined;
  test.each([
    ["add call mom tomorrow at 3", "15:00"],
    ["add call mom tomorrow at 6", "18:00"],
    ["add standup tomorrow at 7", "07:00"],
    ["add standup tomorrow at 9:15", "09:15"],
    ["add lunch tomorrow at 12", "12:00"],
    ["add run tomorrow at 06:00", "06:00"],
    ["add run tomorrow at 6am", "06:00"],
    ["add run tomorrow morning at 6", "06:00"],
    ["add run tomorrow at 6 in the morning", "06:00"],
    ["every morning at 6 go running", "6:0"],
    ["every day at 6 in the morning go running", "6:0"],
    ["every weekday morning at 5:30 go running", "5:30"],
    ["every evening at 7 walk the dog", "19:0"],
    ["every day at 8:30 in the evening read", "20:30"],
    ["every night at 11 lock the doors", "23:0"],
    ["every night at 1 check the backups", "1:0"],
    ["every morning at 18:00 odd but written", "18:0"],
  ])("%s → %s", (message, time) => {
    expect(hourOf(read(message))).toBe(time);
  });

  test("a reminder 'tomorrow morning at 6' is 6 AM in the user's zone", () => {
    expect(read("remind me tomorrow morning at 6 to go running", "Asia/Kolkata")).toMatchObject({
      title: "go running",
      reminder_at: "2026-11-29T00:30:00.000Z",
    });
  });
});

describe("'every second Tuesday' could mean two schedules, so the bot asks", () => {
  test.each([
    [
      "every second Tuesday review budget",
      "Do you mean the second Tuesday of every month, or every other Tuesday (every 2 weeks)?",
    ],
    [
      "every third Friday at 5 pay invoices",
      "Do you mean the third Friday of every month, or every 3 weeks on Friday?",
    ],
    [
      "make review budget repeat every second tuesday",
      "Do you mean the second Tuesday of every month, or every other Tuesday (every 2 weeks)?",
    ],
  ])("%s", (message, question) => {
    expect(read(message)).toMatchObject({
      type: "clarify",
      about: "schedule",
      question,
      resume: { kind: "reread", expects: "schedule", options: expect.any(Array) },
    });
  });

  test.each([
    ["every second Tuesday of the month review budget", "FREQ=MONTHLY;BYDAY=2TU"],
    ["review budget on the 2nd Tuesday of every month", "FREQ=MONTHLY;BYDAY=2TU"],
    ["every other Tuesday review budget", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"],
    ["every 2 Tuesdays review budget", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"],
    // A written ordinal ("3rd") is the month's position, as Todoist reads it.
    ["review the budget every 2nd tuesday", "FREQ=MONTHLY;BYDAY=2TU"],
    ["book club every 3rd friday", "FREQ=MONTHLY;BYDAY=3FR"],
    ["pay bills every last day", "FREQ=MONTHLY;BYMONTHDAY=-1"],
    ["pay bills every last workday", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"],
    ["pay bills every 27", "FREQ=MONTHLY;BYMONTHDAY=27"],
    ["every second week on Tuesday review budget", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"],
  ])("%s is not ambiguous: %s", (message, rrule) => {
    expect(rule(read(message))).toBe(rrule);
  });
});

describe("renaming a title that holds 'to'", () => {
  test("every split of an unquoted 'rename X to Y' is kept for the executor to match against the tasks", () => {
    expect(read("rename go to gym to gym session")).toMatchObject({
      type: "rename",
      readings: [
        { target: { kind: "title", text: "go" }, title: "gym to gym session" },
        { target: { kind: "title", text: "go to gym" }, title: "gym session" },
      ],
    });
  });
  test("quotes or a single 'to' leave one reading", () => {
    expect(read("rename 'go to gym' to gym session")).toEqual({
      type: "rename",
      target: { kind: "title", text: "go to gym" },
      title: "gym session",
    });
    expect(read("rename call mom to call dad")).toEqual({
      type: "rename",
      target: { kind: "title", text: "call mom" },
      title: "call dad",
    });
  });
});

describe("an end date is said as the user's own date", () => {
  test.each([
    ["Pacific/Auckland", "2026-12-31"], // ends at 10:59 UTC on the 31st
    ["America/Los_Angeles", "2026-12-31"], // ends at 07:59 UTC on 1 January
    ["Asia/Kolkata", "2026-12-31"],
  ])("'every day until 31 December' in %s ends 'until %s'", (zone, date) => {
    const intent = read("water the plants every day until December 31", zone);
    const recurrence = (intent as { recurrence: Recurrence }).recurrence;
    expect(normalizeRecurrence(recurrence, zone, NOW).text).toBe(`every day, until ${date}`);
  });
});

describe("a message without a verb that carries a date, a time or a schedule is an add", () => {
  const due = (intent: Intent) => (intent.type === "add" ? intent.due : undefined);
  test.each([
    ["friday at 9 call the bank", "Europe/Berlin", "call the bank", { date: "2026-12-04", time: "09:00" }],
    ["Friday 9am: call the bank", "America/New_York", "call the bank", { date: "2026-12-04", time: "09:00" }],
    ["call the bank on friday at 9", "Asia/Tokyo", "call the bank", { date: "2026-12-04", time: "09:00" }],
    ["tomorrow 8am dentist", "America/Los_Angeles", "dentist", { date: "2026-11-29", time: "08:00" }],
    ["dentist tomorrow at 8", "Australia/Sydney", "dentist", { date: "2026-11-29", time: "08:00" }],
    ["next tuesday renew passport", "UTC", "renew passport", { date: "2026-12-01" }],
    ["pick up the kids at 3pm", "Europe/London", "pick up the kids", { date: "2026-11-28", time: "15:00" }],
  ])("%s (%s) → %s due %o", (message, zone, title, expected) => {
    const intent = read(message, zone);
    expect(titleOf(intent)).toBe(title);
    expect(due(intent)).toEqual(expected);
  });

  test.each([
    ["daily standup at 9", "Europe/Berlin", "standup", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"],
    ["add daily standup at 9:15", "America/Chicago", "standup", "FREQ=DAILY;BYHOUR=9;BYMINUTE=15"],
    ["weekly review at 4pm", "Asia/Kolkata", "review", "FREQ=WEEKLY;BYHOUR=16;BYMINUTE=0"],
    // With a schedule of its own, the frequency word is the title's, as in "weekly report every Friday".
    [
      "weekly review at 4pm on fridays",
      "Asia/Kolkata",
      "weekly review",
      "FREQ=WEEKLY;BYDAY=FR;BYHOUR=16;BYMINUTE=0",
    ],
    [
      "every weekday at 7:30 stretch",
      "America/New_York",
      "stretch",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=30",
    ],
    [
      "weekdays 7:30 stretch",
      "Europe/Berlin",
      "stretch",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=30",
    ],
    ["Mondays gym at 6pm", "Australia/Sydney", "gym", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=18;BYMINUTE=0"],
  ])("%s (%s) → %s, %s", (message, zone, title, rrule) => {
    const intent = read(message, zone);
    expect(titleOf(intent)).toBe(title);
    expect(rule(intent)).toBe(rrule);
  });

  test.each([
    ["add daily standup notes", "daily standup notes"],
    ["add weekly report due friday at 5", "weekly report"],
    ["monthly budget review tomorrow", "monthly budget review"],
  ])(
    "a frequency word before a name without a time of day after it stays in the title: %s",
    (message, title) => {
      const intent = read(message);
      expect(titleOf(intent)).toBe(title);
      expect(rule(intent)).toBeUndefined();
    },
  );

  test.each([
    "buy milk",
    "I'm busy tomorrow",
    "we have guests on friday at 7",
    "is the dentist tomorrow at 9?",
    "tomorrow",
    "what's on friday at 9?",
    "good morning",
    "happy friday",
    "maybe tomorrow",
    "sounds good, tomorrow works",
    "thanks, see you monday",
    "not today",
  ])("%p is not added", (message) => {
    expect(read(message).type).not.toBe("add");
  });
});

describe("a plural weekday before a name is part of it; with 'on', a time or a schedule word it is a schedule", () => {
  test.each([
    ["add Mondays meeting notes", "Mondays meeting notes"],
    ["add Sundays roast prep", "Sundays roast prep"],
    ["create a task Fridays review checklist", "Fridays review checklist"],
  ])("%s → %s, no schedule", (message, title) => {
    const intent = read(message);
    expect(titleOf(intent)).toBe(title);
    expect(rule(intent)).toBeUndefined();
  });

  test.each([
    ["add meeting notes on Mondays", "meeting notes", "FREQ=WEEKLY;BYDAY=MO"],
    ["add meeting notes Mondays", "meeting notes", "FREQ=WEEKLY;BYDAY=MO"],
    ["add meeting notes Mondays at 9", "meeting notes", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"],
    ["add Mondays at 9 meeting notes", "meeting notes", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"],
    ["on Mondays and Wednesdays swim", "swim", "FREQ=WEEKLY;BYDAY=MO,WE"],
    ["take out the trash tuesdays and fridays", "take out the trash", "FREQ=WEEKLY;BYDAY=TU,FR"],
    ["add Mondays: meeting notes", "meeting notes", "FREQ=WEEKLY;BYDAY=MO"],
    ["add gym Thursdays until Dec 31", "gym", "FREQ=WEEKLY;BYDAY=TH"],
  ])("%s → %s, %s", (message, title, rrule) => {
    const intent = read(message);
    expect(titleOf(intent)).toBe(title);
    expect(rule(intent)).toBe(rrule);
  });
});

describe("a time said roughly is that time, never part of the title", () => {
  test.each([
    ["call mum sunday around 11", "call mum", { date: "2026-11-29", time: "11:00" }],
    ["call mum sunday 11ish", "call mum", { date: "2026-11-29", time: "11:00" }],
    ["gym tomorrow at about 6pm", "gym", { date: "2026-11-29", time: "18:00" }],
    ["~9 tomorrow standup", "standup", { date: "2026-11-29", time: "09:00" }],
  ])("%s → %s due %o", (message, title, due) => {
    expect(read(message)).toEqual({ type: "add", title, due });
  });

  test("an amount is no time: 'read for about 20 minutes tonight' keeps its words", () => {
    expect(titleOf(read("read for about 20 minutes tonight"))).toBe("read for about 20 minutes");
  });
});

describe("a wish to remember is an add", () => {
  test.each([
    ["don't let me forget to call the plumber on monday", "call the plumber"],
    ["make sure I renew the car insurance on monday", "renew the car insurance"],
  ])("%s → %s", (message, title) => {
    expect(read(message)).toEqual({ type: "add", title, due: { date: "2026-11-30" } });
  });
});
