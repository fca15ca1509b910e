import { describe, expect, test } from "bun:test";
import type { Intent } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Wednesday 2026-12-02 11:00 in Berlin.
const NOW = new Date("2026-12-02T10:00:00Z");
const read = (message: string) => interpret(message, { now: NOW, zone: "Europe/Berlin" });
const IT = { kind: "pronoun" } as const;

describe("follow-ups act on the task the conversation is about", () => {
  test.each<[string, Intent]>([
    [
      "actually make it friday",
      { type: "set_due", target: IT, due: { date: "2026-12-04", keep_time: true } },
    ],
    [
      "move it to 5pm",
      { type: "set_due", target: IT, due: { date: "2026-12-02", time: "17:00", keep_date: true } },
    ],
    [
      "change the time to 4:30pm",
      { type: "set_due", target: IT, due: { date: "2026-12-02", time: "16:30", keep_date: true } },
    ],
    [
      "actually make it every other week",
      {
        type: "make_recurring",
        target: IT,
        recurrence: { rrule: "FREQ=WEEKLY;INTERVAL=2", dtstart: "2026-12-02" },
      },
    ],
    ["tag it work", { type: "add_tags", target: IT, tags: ["work"] }],
    ["tag it as work and home", { type: "add_tags", target: IT, tags: ["work", "home"] }],
    ["remind me an hour before", { type: "remind_before", target: IT, minutes: 60 }],
    ["remind me 15 minutes before", { type: "remind_before", target: IT, minutes: 15 }],
    ["remind me a day before", { type: "remind_before", target: IT, minutes: 1440 }],
    ["rename it buy oat milk", { type: "rename", target: IT, title: "buy oat milk" }],
    ["call it buy oat milk", { type: "rename", target: IT, title: "buy oat milk" }],
    ["snooze it for 10 minutes", { type: "set_reminder", target: IT, at: "2026-12-02T10:10:00.000Z" }],
    ["snooze for an hour", { type: "set_reminder", target: IT, at: "2026-12-02T11:00:00.000Z" }],
    ["snooze it until tomorrow", { type: "set_reminder", target: IT, at: "2026-12-03T08:00:00.000Z" }],
    [
      "snooze call mom for 30 minutes",
      { type: "set_reminder", target: { kind: "title", text: "call mom" }, at: "2026-12-02T10:30:00.000Z" },
    ],
    [
      "add a description to buy milk: 2% organic",
      {
        type: "set_description",
        target: { kind: "title", text: "buy milk" },
        description: "2% organic",
        append: true,
      },
    ],
  ])("%p", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test("'call it a day' is no rename", () => {
    expect(read("call it a day").type).not.toBe("rename");
  });
});

describe("everyday requests", () => {
  test.each<[string, Intent["type"]]>([
    ["thanks!", "say"],
    ["thank you so much", "say"],
    ["what's the weather in Lisbon?", "say"],
    ["tell me a joke", "say"],
    ["what's next?", "list"],
    ["delete all completed tasks", "delete_many"],
    ["delete everything completed", "delete_many"],
    ["clear completed tasks", "delete_many"],
    ["delete everything tagged work", "delete_many"],
    ["remove all tasks with the tag #errands", "delete_many"],
    ["cmplete call mom", "complete"],
    ["ad buy milk tomorow", "add"],
  ])("%p is a %p", (message, type) => {
    expect(read(message).type).toBe(type);
  });
});
