import { describe, expect, test } from "bun:test";
import type { Intent } from "./intent.ts";
import { interpret } from "./interpret.ts";
import { readAnswer, type AnswerReading } from "./read-answer.ts";

// A question, its answer, and the request the two make together. Saturday 2026-11-28 10:00 UTC.
const NOW = new Date("2026-11-28T10:00:00Z");

function converse(
  question: string,
  answer: string,
  zone = "Europe/Berlin",
): { reading: AnswerReading; intent?: Intent } {
  const asked = interpret(question, { now: NOW, zone });
  if (asked.type !== "clarify" || !asked.resume)
    throw new Error(`${question} asked nothing: ${JSON.stringify(asked)}`);
  const reading = readAnswer(asked.resume, answer, { now: NOW, zone }, interpret(answer, { now: NOW, zone }));
  if (reading.kind === "reread") return { reading, intent: interpret(reading.text, { now: NOW, zone }) };
  return { reading, ...(reading.kind === "intent" ? { intent: reading.intent } : {}) };
}

const MONTHLY = "FREQ=MONTHLY;BYDAY=2TU;BYHOUR=10;BYMINUTE=0";
const FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=10;BYMINUTE=0";

describe("the answer to 'second Tuesday of the month, or every other Tuesday?' picks one and keeps the rest", () => {
  test.each([
    ["every other Tuesday", FORTNIGHTLY],
    ["every 2 weeks", FORTNIGHTLY],
    ["biweekly", FORTNIGHTLY],
    ["fortnightly please", FORTNIGHTLY],
    ["I mean every other week", FORTNIGHTLY],
    ["the second one", FORTNIGHTLY],
    ["the latter", FORTNIGHTLY],
    ["option 2", FORTNIGHTLY],
    ["the second Tuesday of the month", MONTHLY],
    ["2nd tuesday of each month", MONTHLY],
    ["the first", MONTHLY],
    ["first one", MONTHLY],
    ["monthly", MONTHLY],
    ["the monthly one", MONTHLY],
    ["every month", MONTHLY],
    ["second tuesday", MONTHLY],
    ["every Tuesday", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0"],
  ])("%p → %s", (answer, rrule) => {
    const { intent } = converse("add team sync every second Tuesday at 10", answer);
    expect(intent).toMatchObject({ type: "add", title: "team sync", recurrence: { rrule } });
  });

  test("a schedule-first request and a 'repeat' request are completed the same way", () => {
    expect(converse("every third Friday at 5 pay invoices", "every 3 weeks").intent).toMatchObject({
      title: "pay invoices",
      recurrence: { rrule: "FREQ=WEEKLY;INTERVAL=3;BYDAY=FR;BYHOUR=17;BYMINUTE=0" },
    });
    expect(converse("make review budget repeat every second tuesday", "monthly").intent).toMatchObject({
      type: "make_recurring",
      target: { text: "review budget" },
      recurrence: { rrule: "FREQ=MONTHLY;BYDAY=2TU" },
    });
    expect(converse("every second Tuesday remind me to review the budget", "the first").intent).toMatchObject(
      { title: "review the budget", remind_each_time: true, recurrence: { rrule: "FREQ=MONTHLY;BYDAY=2TU" } },
    );
  });
});

describe("other questions take their answers", () => {
  test.each([
    [
      "every blursday do stuff",
      "every Thursday",
      { title: "do stuff", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=TH" } },
    ],
    [
      "every blursday do stuff",
      "thursdays at 5",
      { title: "do stuff", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=TH;BYHOUR=17;BYMINUTE=0" } },
    ],
    [
      "add water plants every 2 hours",
      "daily",
      { title: "water plants", recurrence: { rrule: "FREQ=DAILY" } },
    ],
    [
      "create a recurring task to water plants",
      "every 3 days",
      { title: "water plants", recurrence: { rrule: "FREQ=DAILY;INTERVAL=3" } },
    ],
    [
      "make standup recurring",
      "every weekday at 9",
      {
        type: "make_recurring",
        recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0" },
      },
    ],
    [
      "remind me to call mom",
      "tomorrow at 9",
      { title: "call mom", reminder_at: "2026-11-29T08:00:00.000Z" },
    ],
    [
      "remind me to call mom",
      "how about in 2 hours",
      { title: "call mom", reminder_at: "2026-11-28T12:00:00.000Z" },
    ],
    [
      "remind me yesterday at 9 to stretch",
      "tomorrow at 7am",
      { title: "stretch", reminder_at: "2026-11-29T06:00:00.000Z" },
    ],
    [
      "add a task for tomorrow at 5",
      "call the bank",
      { title: "call the bank", due: { date: "2026-11-29", time: "17:00" } },
    ],
    [
      "add a high priority task #work",
      "call it 'pay rent' #home",
      { title: "pay rent", priority: "high", tags: ["work", "home"] },
    ],
    [
      "every monday at 9",
      "standup",
      { title: "standup", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0" } },
    ],
    ["rename call mom", "call dad", { type: "rename", target: { text: "call mom" }, title: "call dad" }],
    [
      "delete everything",
      "the call mom task",
      { type: "delete", target: { kind: "title", text: "call mom" } },
    ],
    ["buy milk", "yes", { type: "add", title: "buy milk" }],
  ])("%p, answered %p", (question, answer, expected) => {
    expect(converse(question, answer).intent).toMatchObject(expected);
  });

  test("the time zone of the conversation reads the answer", () => {
    expect(converse("remind me to call mom", "tomorrow at 9", "America/Los_Angeles").intent).toMatchObject({
      reminder_at: "2026-11-29T17:00:00.000Z",
    });
    expect(converse("add a task for friday", "call the bank", "Pacific/Auckland").intent).toMatchObject({
      due: { date: "2026-12-04" },
    });
  });
});

describe("a message that is no answer", () => {
  test.each([
    ["add team sync every second Tuesday at 10", "add buy milk"],
    ["add team sync every second Tuesday at 10", "show my tasks"],
    ["add team sync every second Tuesday at 10", "buy milk tomorrow"],
    ["remind me to call mom", "delete call mom"],
    ["rename call mom", "what's due today"],
    ["buy milk", "show my high priority tasks"],
    ["buy milk", "call the bank at 5"],
  ])("after %p, %p is a new request", (question, answer) => {
    expect(converse(question, answer).reading).toEqual({ kind: "new" });
  });

  test.each([
    ["add team sync every second Tuesday at 10", "hmm"],
    ["every blursday do stuff", "every blursday"],
    ["remind me to call mom", "ok"],
    ["add a task for tomorrow at 5", "hmm"],
    ["rename call mom", "ok"],
  ])("after %p, %p asks the question again", (question, answer) => {
    expect(converse(question, answer).reading).toEqual({ kind: "again" });
  });

  test.each(["never mind", "forget it", "cancel"])("%p drops the question", (answer) => {
    expect(converse("add team sync every second Tuesday at 10", answer).reading).toMatchObject({
      kind: "dropped",
    });
  });

  test("'no' declines the offer to add a phrase", () => {
    expect(converse("buy milk", "no").reading).toEqual({ kind: "dropped", reply: "OK, I won't add it." });
  });
});
