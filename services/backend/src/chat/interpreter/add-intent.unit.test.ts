import { describe, expect, test } from "bun:test";
import type { Intent } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Saturday 2026-11-28, 15:30 in Kolkata (UTC+5:30, no DST).
const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string) => interpret(message, { now: NOW, zone: "Asia/Kolkata" });

describe("adding a task", () => {
  test.each<[string, Intent]>([
    ["pls add buy milk", { type: "add", title: "buy milk" }],
    ["PLEASE ADD CALL MOM", { type: "add", title: "CALL MOM" }],
    ['Could you please add "call the bank" to my list?', { type: "add", title: "call the bank" }],
    ["Culd you add buy eggs tomorow", { type: "add", title: "buy eggs", due: { date: "2026-11-29" } }],
    ["put milk on my list", { type: "add", title: "milk" }],
    ["todo: fix the bike", { type: "add", title: "fix the bike" }],
    ["jot down buy batteries", { type: "add", title: "buy batteries" }],
    ["add book flight to Paris", { type: "add", title: "book flight to Paris" }],
    ["add read 1984", { type: "add", title: "read 1984" }],
    ["could yuo add call mom", { type: "add", title: "call mom" }],
    ["Pleaes add call the plumber", { type: "add", title: "call the plumber" }],
    [
      "Add a task called 'Prepare Slides' tagged work",
      { type: "add", title: "Prepare Slides", tags: ["work"] },
    ],
    ["add new task buy milk", { type: "add", title: "buy milk" }],
    ["add submit weekly report", { type: "add", title: "submit weekly report" }],
  ])("%p adds the task with the user's own words as its title", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test.each<[string, Intent]>([
    [
      "I need to renew my passport by Friday",
      { type: "add", title: "renew my passport", due: { date: "2026-12-04" } },
    ],
    [
      "remember to call grandma on sunday",
      { type: "add", title: "call grandma", due: { date: "2026-11-29" } },
    ],
    ["I have to call the plumber", { type: "add", title: "call the plumber" }],
    ["don't forget to water the plants", { type: "add", title: "water the plants" }],
  ])("%p is an add without a command verb", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test.each<[string, Intent]>([
    [
      "new task: prepare slides, high priority, #work",
      { type: "add", title: "prepare slides", priority: "high", tags: ["work"] },
    ],
    [
      "create an urgent task: call the landlord",
      { type: "add", title: "call the landlord", priority: "high", priority_word: "urgent" },
    ],
    [
      "add call mom, it's urgent",
      { type: "add", title: "call mom", priority: "high", priority_word: "urgent" },
    ],
    ["Add task call dentist p1", { type: "add", title: "call dentist", priority: "high" }],
    ["add buy milk (high priority)", { type: "add", title: "buy milk", priority: "high" }],
    [
      "Add a task to water the plants, low priority",
      { type: "add", title: "water the plants", priority: "low" },
    ],
    ["add water the plants with low priority", { type: "add", title: "water the plants", priority: "low" }],
    ["add high priority buy milk", { type: "add", title: "buy milk", priority: "high" }],
    ["add tidy the shed p3", { type: "add", title: "tidy the shed", priority: "low" }],
    ["add call the urgent care clinic", { type: "add", title: "call the urgent care clinic" }],
    ["add call mom - urgent", { type: "add", title: "call mom", priority: "high", priority_word: "urgent" }],
    [
      "add finish report on monday #work !high",
      { type: "add", title: "finish report", priority: "high", tags: ["work"], due: { date: "2026-11-30" } },
    ],
    [
      "urgent: call the bank",
      { type: "add", title: "call the bank", priority: "high", priority_word: "urgent" },
    ],
  ])("%p reads the priority only where it is plainly one", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test.each<[string, Intent]>([
    ["add buy milk #errands #home", { type: "add", title: "buy milk", tags: ["errands", "home"] }],
    [
      "add buy milk tags: errands, home due tomorrow",
      { type: "add", title: "buy milk", tags: ["errands", "home"], due: { date: "2026-11-29" } },
    ],
    ["add buy milk tagged errands", { type: "add", title: "buy milk", tags: ["errands"] }],
    [
      "add buy groceries tags errands and food",
      { type: "add", title: "buy groceries", tags: ["errands", "food"] },
    ],
    ['ok so add "Call Mom" with tag Family', { type: "add", title: "Call Mom", tags: ["family"] }],
    ['add "fix bug #42" to my list', { type: "add", title: "fix bug #42" }],
    ["add buy price tag", { type: "add", title: "buy price tag" }],
    [
      "add paint fence, tag: 'home improvement'",
      { type: "add", title: "paint fence", tags: ["home improvement"] },
    ],
  ])("%p reads tags as the user wrote them, lowercased", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test.each<[string, Intent]>([
    [
      "can u add a task to clean the garage tomorrow at 5pm",
      { type: "add", title: "clean the garage", due: { date: "2026-11-29", time: "17:00" } },
    ],
    [
      "add pick up dry cleaning on Dec 5 at 14:00",
      { type: "add", title: "pick up dry cleaning", due: { date: "2026-12-05", time: "14:00" } },
    ],
    ["add call mom in 3 days", { type: "add", title: "call mom", due: { date: "2026-12-01" } }],
    [
      "add email Bob tonight",
      { type: "add", title: "email Bob", due: { date: "2026-11-28", time: "20:00" } },
    ],
    [
      "add lunch with Sam at noon tomorrow",
      { type: "add", title: "lunch with Sam", due: { date: "2026-11-29", time: "12:00" } },
    ],
    // 3 PM has passed at 15:30, so "at 3" is tomorrow's.
    ["add meeting at 3", { type: "add", title: "meeting", due: { date: "2026-11-29", time: "15:00" } }],
    ["add pay rent on the 1st", { type: "add", title: "pay rent", due: { date: "2026-12-01" } }],
    [
      "add call mom, priority high, tag family, due Friday at 5pm",
      {
        type: "add",
        title: "call mom",
        priority: "high",
        tags: ["family"],
        due: { date: "2026-12-04", time: "17:00" },
      },
    ],
    ["Add 'meeting tomorrow' to my tasks", { type: "add", title: "meeting tomorrow" }],
    ["add watch may the 4th be with you", { type: "add", title: "watch may the 4th be with you" }],
    ["add plan march vacation", { type: "add", title: "plan march vacation" }],
    ["add practice piano for 30 minutes", { type: "add", title: "practice piano for 30 minutes" }],
    ["add run for an hour tomorrow", { type: "add", title: "run for an hour", due: { date: "2026-11-29" } }],
    ['ADD "Finish report" DUE FRIDAY', { type: "add", title: "Finish report", due: { date: "2026-12-04" } }],
    [
      "add finish report by 17:30 tomorrow",
      { type: "add", title: "finish report", due: { date: "2026-11-29", time: "17:30" } },
    ],
    [
      "add finish report, due 2026-12-10",
      { type: "add", title: "finish report", due: { date: "2026-12-10" } },
    ],
    ["add finish report due 12/10", { type: "add", title: "finish report", due: { date: "2026-12-10" } }],
  ])("%p takes a due date only from date words, never from a quoted title", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test("a description after 'description:' is kept apart from the title", () => {
    expect(read("add pay taxes by 15 April, description: use the new form")).toEqual({
      type: "add",
      title: "pay taxes",
      description: "use the new form",
      due: { date: "2027-04-15" },
    });
  });

  test("'and remind me' adds a reminder next to the due date", () => {
    expect(read("add call mom tomorrow and remind me at 9am")).toEqual({
      type: "add",
      title: "call mom",
      due: { date: "2026-11-29" },
      reminder_at: "2026-11-29T03:30:00.000Z",
    });
  });

  test.each(["add", "add a task", "create a new task", "new task:"])(
    "%p asks what the task should be called",
    (message) => {
      expect(read(message)).toMatchObject({
        type: "clarify",
        about: "title",
        question: "What should the task be called?",
        resume: { kind: "title" },
      });
    },
  );
});
