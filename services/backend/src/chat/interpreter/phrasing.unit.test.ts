import { describe, expect, test } from "bun:test";
import { normalizeRecurrence } from "../../recurrence/normalize-recurrence.ts";
import type { Intent, Recurrence } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Words that look like schedules or times inside titles, bare hours, ambiguous ordinals, and
// "to" inside titles being renamed. Saturday 2026-11-28 10:00 UTC unless a test says otherwise.
const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string, zone = "Europe/Berlin", now = NOW) => interpret(message, { now, zone });
const rule = (intent: Intent) => (intent.type === "add" || intent.type === "make_recurring" ? intent.recurrence?.rrule : undefined);
const titleOf = (intent: Intent) => (intent.type === "add" ? intent.title : undefined);

describe("a frequency word inside a title is part of the title, not a schedule", () => {
  test.each([
    ["add weekly report every Friday", "weekly report", "FREQ=WEEKLY;BYDAY=FR"],
    ["weekly report every Friday at 3pm", "weekly report", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15;BYMINUTE=0"],
    ["every Friday at 3pm weekly report", "weekly report", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15;BYMINUTE=0"],
    ["add weekly team sync every Monday at 10", "weekly team sync", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0"],
    ["submit the monthly invoice every month on the 1st", "submit the monthly invoice", "FREQ=MONTHLY;BYMONTHDAY=1"],
    ["send the daily digest every weekday at 8:30", "send the daily digest", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30"],
  ])("%s → %s, %s", (message, title, rrule) => {
    const intent = read(message);
    expect(titleOf(intent)).toBe(title);
    expect(rule(intent)).toBe(rrule);
  });

  test.each(["add weekly report", "add the monthly newsletter draft", "add daily standup notes", "add yearly review prep", "create a task: read the weekly digest"])("%s has no schedule", (message) => {
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
    expect(read("every Tuesday prepare Monday standup notes")).toMatchObject({ title: "prepare Monday standup notes", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=TU" } });
  });
});

describe("bare hours: 1 to 6 are PM, 7 to 12 as written, unless a part of the day or a 24 h clock says otherwise", () => {
  const hourOf = (intent: Intent) => (intent.type === "add" ? (intent.due?.time ?? intent.recurrence?.rrule.match(/BYHOUR=(\d+);BYMINUTE=(\d+)/)?.slice(1).join(":")) : undefined);
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
    expect(read("remind me tomorrow morning at 6 to go running", "Asia/Kolkata")).toMatchObject({ title: "go running", reminder_at: "2026-11-29T00:30:00.000Z" });
  });
});

describe("'every second Tuesday' could mean two schedules, so the bot asks", () => {
  test.each([
    ["every second Tuesday review budget", "Do you mean the second Tuesday of every month, or every other Tuesday (every 2 weeks)?"],
    ["review the budget every 2nd tuesday", "Do you mean the 2nd Tuesday of every month, or every other Tuesday (every 2 weeks)?"],
    ["every third Friday at 5 pay invoices", "Do you mean the third Friday of every month, or every 3 weeks on Friday?"],
    ["make review budget repeat every second tuesday", "Do you mean the second Tuesday of every month, or every other Tuesday (every 2 weeks)?"],
  ])("%s", (message, question) => {
    expect(read(message)).toEqual({ type: "clarify", about: "schedule", question });
  });

  test.each([
    ["every second Tuesday of the month review budget", "FREQ=MONTHLY;BYDAY=2TU"],
    ["review budget on the 2nd Tuesday of every month", "FREQ=MONTHLY;BYDAY=2TU"],
    ["every other Tuesday review budget", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"],
    ["every 2 Tuesdays review budget", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"],
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
    expect(read("rename 'go to gym' to gym session")).toEqual({ type: "rename", target: { kind: "title", text: "go to gym" }, title: "gym session" });
    expect(read("rename call mom to call dad")).toEqual({ type: "rename", target: { kind: "title", text: "call mom" }, title: "call dad" });
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
    expect(normalizeRecurrence(recurrence, zone, NOW).text).toBe(`every day at 9 AM, until ${date}`);
  });
});
