import { describe, expect, test } from "bun:test";
import type { Intent, Priority, TaskRef } from "./intent.ts";
import { interpret } from "./interpret.ts";

const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string) => interpret(message, { now: NOW, zone: "America/Los_Angeles" });
const FLIGHTS: TaskRef = { kind: "title", text: "buy flight tickets" };
const MOM: TaskRef = { kind: "title", text: "call mom" };
const IT: TaskRef = { kind: "pronoun" };

describe("changing a priority", () => {
  test.each<[string, TaskRef, Priority]>([
    ["Change the priority of 'buy flight tickets' to low", FLIGHTS, "low"],
    ["make buy flight tickets low priority", FLIGHTS, "low"],
    ["set buy flight tickets to high", FLIGHTS, "high"],
    ["Make 'buy flight tickets' high-priority", FLIGHTS, "high"],
    ["set priority of buy flight tickets to p1", FLIGHTS, "high"],
    ["change priority for 'buy flight tickets' to Low", FLIGHTS, "low"],
    ["bump 'buy flight tickets' to high priority", FLIGHTS, "high"],
    ["buy flight tickets is not urgent", FLIGHTS, "low"],
    ["set the priority of call mom to medium", MOM, "medium"],
    ["mark call mom as urgent", MOM, "high"],
    ["mark call mom as important", MOM, "high"],
    ["call mom is high priority", MOM, "high"],
    ["call mom should be low priority", MOM, "low"],
    ["prioritize call mom", MOM, "high"],
    ["deprioritise call mom", MOM, "low"],
    ["lower the priority of call mom", MOM, "low"],
    ["change call mom's priority to p3", MOM, "low"],
    ["set priority to high for call mom", MOM, "high"],
    ["could you pls set call mom to normal priority", MOM, "medium"],
    ["it's urgent", IT, "high"],
    ["make it high priority", IT, "high"],
    ["make that low priority", IT, "low"],
    ["change it to high priority", IT, "high"],
    ["call mom - high priority", MOM, "high"],
    ["switch call mom to low priority", MOM, "low"],
    ["give call mom high priority", MOM, "high"],
  ])("%p sets the priority of the named task", (message, target, priority) => {
    expect(read(message)).toEqual({ type: "set_priority", target, priority });
  });

  test("a bare number is no priority: 'set X to 2' is not read as medium", () => {
    expect(read("set call mom to 2")).not.toMatchObject({ type: "set_priority" });
  });
});

describe("editing tags", () => {
  test.each<[string, Intent]>([
    [
      "Add the tag 'expense' to 'buy flight tickets'",
      { type: "add_tags", target: FLIGHTS, tags: ["expense"] },
    ],
    ["Add the tag expense to buy flight tickets", { type: "add_tags", target: FLIGHTS, tags: ["expense"] }],
    ["tag buy flight tickets with expense", { type: "add_tags", target: FLIGHTS, tags: ["expense"] }],
    [
      "tag 'buy flight tickets' as expense and travel",
      { type: "add_tags", target: FLIGHTS, tags: ["expense", "travel"] },
    ],
    ["add #expense to buy flight tickets", { type: "add_tags", target: FLIGHTS, tags: ["expense"] }],
    ["add the expense tag to 'buy flight tickets'", { type: "add_tags", target: FLIGHTS, tags: ["expense"] }],
    ["add 'urgent' tag to 'buy flight tickets'", { type: "add_tags", target: FLIGHTS, tags: ["urgent"] }],
    ["add tags Work and Finance to call mom", { type: "add_tags", target: MOM, tags: ["work", "finance"] }],
    ["give call mom the tag family", { type: "add_tags", target: MOM, tags: ["family"] }],
    ["tag it with work", { type: "add_tags", target: IT, tags: ["work"] }],
    ["add tag work to it", { type: "add_tags", target: IT, tags: ["work"] }],
    ["Please add tag 'family' to the call mom task", { type: "add_tags", target: MOM, tags: ["family"] }],
  ])("%p adds tags and keeps the others", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test.each<[string, Intent]>([
    [
      "Remove the 'urgent' tag from 'buy flight tickets'",
      { type: "remove_tags", target: FLIGHTS, tags: ["urgent"] },
    ],
    ["untag urgent from buy flight tickets", { type: "remove_tags", target: FLIGHTS, tags: ["urgent"] }],
    [
      "take the urgent tag off buy flight tickets",
      { type: "remove_tags", target: FLIGHTS, tags: ["urgent"] },
    ],
    ["remove tag urgent from call mom", { type: "remove_tags", target: MOM, tags: ["urgent"] }],
    ["remove #urgent from call mom", { type: "remove_tags", target: MOM, tags: ["urgent"] }],
    ["call mom shouldn't be tagged work", { type: "remove_tags", target: MOM, tags: ["work"] }],
    ["Remove 'family' from call mom's tags", { type: "remove_tags", target: MOM, tags: ["family"] }],
    ["remove the work tag from it", { type: "remove_tags", target: IT, tags: ["work"] }],
  ])("%p removes only the named tags", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });

  test.each<[string, Intent]>([
    [
      "set the tags of call mom to family, phone",
      { type: "set_tags", target: MOM, tags: ["family", "phone"] },
    ],
    [
      "replace call mom's tags with family and phone",
      { type: "set_tags", target: MOM, tags: ["family", "phone"] },
    ],
    ["change the tags on call mom to Family", { type: "set_tags", target: MOM, tags: ["family"] }],
    ["retag call mom as family", { type: "set_tags", target: MOM, tags: ["family"] }],
    ["remove all tags from call mom", { type: "set_tags", target: MOM, tags: [] }],
    ["clear call mom's tags", { type: "set_tags", target: MOM, tags: [] }],
  ])("%p replaces the whole set of tags", (message, intent) => {
    expect(read(message)).toEqual(intent);
  });
});

describe("renaming", () => {
  test.each<[string, TaskRef, string]>([
    ["Rename call mom to call dad", MOM, "call dad"],
    ["rename 'go to gym' to 'gym session'", { kind: "title", text: "go to gym" }, "gym session"],
    ["change the title of call mom to call mom and dad", MOM, "call mom and dad"],
    ["change name of call mom to call mother", MOM, "call mother"],
    ["rename task call mom to call mother", MOM, "call mother"],
    ["call mom should be called phone mom", MOM, "phone mom"],
    ["change call mom to call dad", MOM, "call dad"],
    ["rename it to call grandma", IT, "call grandma"],
    ["Rename 'call mom' as 'Call Mother'", MOM, "Call Mother"],
    ['Call the call mom task "call mother" instead', MOM, "call mother"],
    ["rename this task to call dad", IT, "call dad"],
  ])("%p renames the task", (message, target, title) => {
    expect(read(message)).toEqual({ type: "rename", target, title });
  });

  test("a rename without the new title asks for it", () => {
    expect(read("rename call mom")).toMatchObject({
      type: "clarify",
      about: "title",
      question: 'What should "call mom" be called?',
      resume: { kind: "title", intent: { type: "rename", target: { kind: "title", text: "call mom" } } },
    });
  });
});
