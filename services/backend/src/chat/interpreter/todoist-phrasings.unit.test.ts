import { describe, expect, test } from "bun:test";
import type { AddIntent } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Saturday 2026-11-28, 11:00 in Berlin. Phrasings from Todoist's date help that the chat misread
// when tried by hand (the title kept the date words, or "fri @ 7pm" became today at 7 PM).
const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string) => interpret(message, { now: NOW, zone: "Europe/Berlin" });

describe("Todoist's shorthands", () => {
  test.each<[string, Omit<AddIntent, "type">]>([
    ["add mow the lawn fri @ 7pm", { title: "mow the lawn", due: { date: "2026-12-04", time: "19:00" } }],
    [
      "add yoga ev mon, fri",
      { title: "yoga", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,FR", dtstart: "2026-11-30" } },
    ],
    ["add pay bills 27th", { title: "pay bills", due: { date: "2026-12-27" } }],
    ["add renew passport 5 days", { title: "renew passport", due: { date: "2026-12-03" } }],
    ["add plan party 3 weeks", { title: "plan party", due: { date: "2026-12-19" } }],
  ])("%p", (message, intent) => {
    expect(read(message)).toEqual({ type: "add", ...intent });
  });

  test.each([
    ["add stretch 20 minutes", "stretch 20 minutes"], // a length, not a time
    ["add buy 2 days supply of food", "buy 2 days supply of food"],
    ["add email bob@example.com tomorrow", "email bob@example.com"],
    ["add read chapter 5 of the book", "read chapter 5 of the book"],
  ])("%p keeps its words in the title %p", (message, title) => {
    expect(read(message)).toMatchObject({ type: "add", title });
  });
});
