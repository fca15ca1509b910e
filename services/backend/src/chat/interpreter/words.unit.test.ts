import { describe, expect, test } from "bun:test";
import type { Priority, TaskRef } from "./intent.ts";
import { interpret } from "./interpret.ts";
import { normalizeMessage } from "./words/normalize-message.ts";
import { extractPriority } from "./words/priority.ts";
import { protectQuotes } from "./words/quotes.ts";
import { extractTags } from "./words/tags.ts";
import { cleanTitle, parseTarget } from "./words/targets.ts";

const read = (message: string) => interpret(message, { now: new Date("2026-11-28T10:00:00Z"), zone: "UTC" });

describe("cleaning a message", () => {
  test.each([
    ["Could you pls add “call mom”!", "add ‹0›", ["call mom"]],
    ["hey bot, can u please show me my tasks?", "show me my tasks", []],
    ["ok so I need to buy milk thanks", "add buy milk", []],
    ["I need to delete call mom", "delete call mom", []],
    ["would you mind adding 'water the plants'", "add ‹0›", ["water the plants"]],
    ["remind me at 2 p.m. tomorow", "remind me at 2 pm tomorrow", []],
  ])("%p reads as %p", (message, text, quotes) => {
    expect(normalizeMessage(message)).toEqual({ text, quotes });
  });

  test("apostrophes inside words are not quotes, but a quoted title may contain one", () => {
    expect(protectQuotes("what's on mom's list")).toEqual({ text: "what's on mom's list", quotes: [] });
    expect(protectQuotes("rename 'mom's birthday' to 'mum's birthday'")).toEqual({
      text: "rename ‹0› to ‹1›",
      quotes: ["mom's birthday", "mum's birthday"],
    });
  });
});

describe("slots", () => {
  test.each([
    ["buy milk #home, tags: errands and Food", ["home", "errands", "food"], "buy milk"],
    ["Prepare Slides with tags Work and Presentation", ["work", "presentation"], "Prepare Slides"],
    ["water plants tagged garden and remind me tomorrow", ["garden"], "water plants and remind me tomorrow"],
    ["buy a price tag", [], "buy a price tag"],
  ])("tags in %p are %p, leaving %p", (text, tags, rest) => {
    expect(extractTags(text, [])).toEqual({ tags, rest });
  });

  test.each<[string, Priority | undefined, string]>([
    ["a high-priority task: buy tickets", "high", "task: buy tickets"],
    ["call mom p2", "medium", "call mom"],
    ["call the bank, it's urgent", "high", "call the bank,"],
    ["an important task to file taxes", "high", "an task to file taxes"],
    ["visit the urgent care", undefined, "visit the urgent care"],
  ])("the priority in %p is %p", (text, priority, rest) => {
    expect(extractPriority(text)).toEqual(priority ? { priority, rest } : { rest });
  });

  test.each([
    ["a task to water the plants", "water the plants"],
    ["a standup task", "standup"],
    ["task: buy flight tickets", "buy flight tickets"],
    ["call mom to my list", "call mom"],
    ["task", "task"],
  ])("the title of %p is %p", (text, title) => {
    expect(cleanTitle(text, [])).toBe(title);
  });

  test.each<[string, TaskRef]>([
    ["the water the plants task", { kind: "title", text: "water the plants" }],
    ["my dentist", { kind: "title", text: "dentist" }],
    ["the task called call mom", { kind: "title", text: "call mom" }],
    ["that one", { kind: "pronoun" }],
    ["this task", { kind: "pronoun" }],
    ["it", { kind: "pronoun" }],
  ])("%p refers to %p", (text, target) => {
    expect(parseTarget(text, [])).toEqual(target);
  });
});

describe("help and what is not understood", () => {
  test.each(["help", "Help!", "what can you do?", "how does this work", "hi", "?"])(
    "%p shows the help",
    (message) => {
      expect(read(message)).toEqual({ type: "help" });
    },
  );

  test("a bare phrase is not added behind the user's back: the bot offers to add it", () => {
    expect(read("buy milk")).toMatchObject({
      type: "clarify",
      about: "unknown",
      question:
        'Do you want me to add "buy milk" as a task? Say "add buy milk". You can say things like "add call mom tomorrow", "show my high-priority tasks" or "mark call mom as done".',
    });
  });

  test("a command it cannot follow is not offered as a new task", () => {
    expect(read("set call mom to 2")).toMatchObject({
      type: "clarify",
      about: "unknown",
      question: expect.stringMatching(/^Sorry, I didn't understand that\./),
    });
  });

  test("the same message, clock and zone always give the same intent", () => {
    const message = "Every Friday at 2 PM remind me to submit my weekly report, tags: work";
    expect(read(message)).toEqual(read(message));
  });
});
