import { describe, expect, test } from "bun:test";
import { normalizeRecurrence } from "../../recurrence/normalize-recurrence.ts";
import type { Intent } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Every row of shared/chat-examples.md, read on Saturday 2026-11-28 at 11:00 in Berlin.
const NOW = new Date("2026-11-28T10:00:00Z");
const ZONE = "Europe/Berlin";
const read = (message: string) => interpret(message, { now: NOW, zone: ZONE });
const title = (text: string) => ({ kind: "title", text }) as const;

const EXAMPLES: [string, Intent][] = [
  [
    "Add a high-priority task: buy flight tickets, tags: travel, urgent",
    { type: "add", title: "buy flight tickets", priority: "high", tags: ["travel", "urgent"] },
  ],
  ["add call mom", { type: "add", title: "call mom" }],
  [
    "Add a low priority task to water the plants #home",
    { type: "add", title: "water the plants", priority: "low", tags: ["home"] },
  ],
  [
    "Create a task Prepare Slides with tags Work and Presentation",
    { type: "add", title: "Prepare Slides", tags: ["work", "presentation"] },
  ],
  [
    "Add renew passport due next Friday",
    { type: "add", title: "renew passport", due: { date: "2026-12-04" } },
  ],
  [
    "Change the priority of 'buy flight tickets' to low",
    { type: "set_priority", target: title("buy flight tickets"), priority: "low" },
  ],
  [
    "Add the tag 'expense' to 'buy flight tickets'",
    { type: "add_tags", target: title("buy flight tickets"), tags: ["expense"] },
  ],
  [
    "Remove the 'urgent' tag from 'buy flight tickets'",
    { type: "remove_tags", target: title("buy flight tickets"), tags: ["urgent"] },
  ],
  ["Mark call mom as done", { type: "complete", target: title("call mom") }],
  ["Delete the water the plants task", { type: "delete", target: title("water the plants") }],
  [
    "Every Monday at 9 AM add a standup task",
    { type: "add", title: "standup", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0" } },
  ],
  [
    "Every Friday at 2 PM remind me to submit my weekly report",
    {
      type: "add",
      title: "submit my weekly report",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
      remind_each_time: true,
    },
  ],
  [
    "every weekday at 8:30 check email",
    {
      type: "add",
      title: "check email",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30" },
    },
  ],
  [
    "pay rent monthly on the 1st",
    {
      type: "add",
      title: "pay rent",
      recurrence: { rrule: "FREQ=MONTHLY;BYMONTHDAY=1", dtstart: "2026-12-01" },
    },
  ],
  [
    "Stop the weekly standup reminder",
    { type: "cancel_recurrence", target: title("standup"), frequency: "weekly" },
  ],
  // Tomorrow 09:00 in Berlin (CET, UTC+1) is 08:00 UTC.
  [
    "Remind me about the dentist appointment tomorrow at 9 AM",
    { type: "set_reminder", target: title("dentist appointment"), at: "2026-11-29T08:00:00.000Z" },
  ],
  ["Cancel my dentist reminder", { type: "cancel_reminder", target: title("dentist") }],
  [
    "remind me in 2 hours to stretch",
    { type: "add", title: "stretch", reminder_at: "2026-11-28T12:00:00.000Z" },
  ],
  [
    "Show me all high-priority tasks",
    { type: "list", filters: { priority: ["high"] }, phrase: "high-priority tasks" },
  ],
  [
    "Show me all tasks tagged 'work'",
    { type: "list", filters: { tags: ["work"] }, phrase: "tasks tagged work" },
  ],
  [
    "Show me completed tasks from this week",
    {
      type: "list",
      filters: { status: "completed", completed_from: "2026-11-23", completed_to: "2026-11-29" },
      phrase: "tasks completed this week",
    },
  ],
  [
    "Find tasks about presentation",
    { type: "list", filters: { q: "presentation" }, phrase: "tasks about presentation" },
  ],
  [
    "Show me high-priority incomplete work tasks due this week",
    {
      type: "list",
      filters: {
        status: "pending",
        priority: ["high"],
        tags: ["work"],
        due_from: "2026-11-23",
        due_to: "2026-11-29",
      },
      phrase: "pending high-priority tasks tagged work due this week",
    },
  ],
  [
    "Show me low priority tasks tagged garden",
    {
      type: "list",
      filters: { priority: ["low"], tags: ["garden"] },
      phrase: "low-priority tasks tagged garden",
    },
  ],
];

describe("the examples in chat-examples.md", () => {
  test.each(EXAMPLES)("%p is understood exactly", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test("every blursday do stuff asks what schedule was meant and creates nothing", () => {
    const intent = read("every blursday do stuff");
    expect(intent).toMatchObject({ type: "clarify", about: "schedule" });
    expect(intent.type === "clarify" && intent.question).toContain('"every blursday"');
  });

  test.each([
    ["Every Monday at 9 AM add a standup task", "every Monday at 9 AM"],
    ["Every Friday at 2 PM remind me to submit my weekly report", "every Friday at 2 PM"],
    ["every weekday at 8:30 check email", "every weekday at 8:30 AM"],
    ["pay rent monthly on the 1st", "every month on the 1st"], // no time said: a date-only series
  ])("the schedule of %p is accepted by the API and reads as %p", (message, text) => {
    const intent = read(message);
    if (intent.type !== "add" || !intent.recurrence)
      throw new Error(`expected a recurring add, got ${JSON.stringify(intent)}`);
    expect(normalizeRecurrence(intent.recurrence, ZONE, NOW).text).toBe(text);
  });

  test("the first standup is on the coming Monday at 9 AM in the user's zone", () => {
    const intent = read("Every Monday at 9 AM add a standup task");
    if (intent.type !== "add" || !intent.recurrence) throw new Error("expected a recurring add");
    expect(normalizeRecurrence(intent.recurrence, ZONE, NOW).firstOccurrence.toISOString()).toBe(
      "2026-11-30T08:00:00.000Z",
    );
  });
});

describe("the user stories in SPEC.md", () => {
  test.each<[string, Intent]>([
    [
      "Add a high-priority task: prepare presentation, tag: work",
      { type: "add", title: "prepare presentation", priority: "high", tags: ["work"] },
    ],
    [
      "Show me all high-priority work tasks",
      {
        type: "list",
        filters: { priority: ["high"], tags: ["work"] },
        phrase: "high-priority tasks tagged work",
      },
    ],
    [
      "Every Friday at 2 PM remind me to submit my weekly report.",
      {
        type: "add",
        title: "submit my weekly report",
        recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
        remind_each_time: true,
      },
    ],
  ])("%p is understood exactly", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });
});
