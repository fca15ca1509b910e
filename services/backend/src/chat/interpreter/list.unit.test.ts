import { describe, expect, test } from "bun:test";
import type { Filters } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Saturday 2026-11-28, 23:00 in Auckland: the week runs Monday 23 to Sunday 29 November.
const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string) => interpret(message, { now: NOW, zone: "Pacific/Auckland" });
const WEEK = { from: "2026-11-23", to: "2026-11-29" };

describe("listing everything", () => {
  test.each([
    "what's on my list",
    "show my tasks",
    "list everything",
    "tasks",
    "my tasks",
    "display my to-do list",
    "kindly show me my tasks",
    "how many tasks do I have",
  ])("%p lists all tasks with no filter", (message) => {
    expect(read(message)).toEqual({ type: "list", filters: {}, phrase: "tasks" });
  });
});

describe("listing with filters", () => {
  test.each<[string, Filters, string]>([
    ["Show me all high-priority tasks", { priority: ["high"] }, "high-priority tasks"],
    ["which tasks are high priority", { priority: ["high"] }, "high-priority tasks"],
    ["show p1 tasks", { priority: ["high"] }, "high-priority tasks"],
    ["show urgent tasks", { priority: ["high"], priority_word: "urgent" }, "high-priority tasks"],
    [
      "show high and medium priority tasks",
      { priority: ["high", "medium"] },
      "high- or medium-priority tasks",
    ],
    ["Show me all tasks tagged 'work'", { tags: ["work"] }, "tasks tagged work"],
    ["list my work tasks", { tags: ["work"] }, "tasks tagged work"],
    ["show me #work tasks", { tags: ["work"] }, "tasks tagged work"],
    ["show tasks tagged work and home", { tags: ["work", "home"] }, "tasks tagged work and home"],
    [
      "show me tasks tagged 'home improvement'",
      { tags: ["home improvement"] },
      "tasks tagged home improvement",
    ],
    ["show everything tagged travel", { tags: ["travel"] }, "tasks tagged travel"],
    [
      "Show me low priority tasks tagged garden",
      { priority: ["low"], tags: ["garden"] },
      "low-priority tasks tagged garden",
    ],
    [
      "show all my high priority work tasks",
      { priority: ["high"], tags: ["work"] },
      "high-priority tasks tagged work",
    ],
    ["show pending tasks", { status: "pending" }, "pending tasks"],
    ["show me my open tasks", { status: "pending" }, "pending tasks"],
    ["what's left to do", { status: "pending" }, "pending tasks"],
    ["show me cancelled tasks", { status: "cancelled" }, "cancelled tasks"],
    ["show completed work tasks", { status: "completed", tags: ["work"] }, "completed tasks tagged work"],
  ])("%p lists with exactly those filters", (message, filters, phrase) => {
    expect(read(message)).toEqual({ type: "list", filters, phrase });
  });
});

describe("searching by keyword", () => {
  test.each<[string, Filters, string]>([
    ["Find tasks about presentation", { q: "presentation" }, "tasks about presentation"],
    ["find presentation", { q: "presentation" }, "tasks about presentation"],
    ["search for dentist", { q: "dentist" }, "tasks about dentist"],
    ['search "dentist"', { q: "dentist" }, "tasks about dentist"],
    ["look for tasks mentioning invoice", { q: "invoice" }, "tasks about invoice"],
    ["list tasks with 'budget' in the title", { q: "budget" }, "tasks about budget"],
    [
      'show me tasks containing "quarterly report"',
      { q: "quarterly report" },
      "tasks about quarterly report",
    ],
    [
      "find high priority tasks about budget",
      { q: "budget", priority: ["high"] },
      "high-priority tasks about budget",
    ],
    ["Any tasks about the presentation?", { q: "presentation" }, "tasks about presentation"],
    ["Search tasks for presentation", { q: "presentation" }, "tasks about presentation"],
  ])("%p searches titles and descriptions", (message, filters, phrase) => {
    expect(read(message)).toEqual({ type: "list", filters, phrase });
  });
});

describe("listing by date, on the user's calendar", () => {
  test.each<[string, Filters, string]>([
    ["what do I have today", { due_from: "2026-11-28", due_to: "2026-11-28" }, "tasks due today"],
    ["show me today's tasks", { due_from: "2026-11-28", due_to: "2026-11-28" }, "tasks due today"],
    ["do I have anything due today?", { due_from: "2026-11-28", due_to: "2026-11-28" }, "tasks due today"],
    ["what's due tomorrow", { due_from: "2026-11-29", due_to: "2026-11-29" }, "tasks due tomorrow"],
    ["get my tasks for tomorrow", { due_from: "2026-11-29", due_to: "2026-11-29" }, "tasks due tomorrow"],
    ["what's due this week", { due_from: WEEK.from, due_to: WEEK.to }, "tasks due this week"],
    ["what's on my plate this week", { due_from: WEEK.from, due_to: WEEK.to }, "tasks due this week"],
    ["show me tasks due next week", { due_from: "2026-11-30", due_to: "2026-12-06" }, "tasks due next week"],
    [
      "what tasks do I have for this weekend",
      { due_from: "2026-11-28", due_to: "2026-11-29" },
      "tasks due this weekend",
    ],
    [
      "show me tasks due in the next 3 days",
      { due_from: "2026-11-28", due_to: "2026-12-01" },
      "tasks due in the next 3 days",
    ],
    ["show me tasks due before Friday", { due_to: "2026-12-03" }, "tasks due before Friday"],
    ["show me tasks due by Friday", { due_to: "2026-12-04" }, "tasks due by Friday"],
    ["show tasks due after Dec 10", { due_from: "2026-12-11" }, "tasks due after Dec 10"],
    [
      "show tasks due between Dec 1 and Dec 5",
      { due_from: "2026-12-01", due_to: "2026-12-05" },
      "tasks due between Dec 1 and Dec 5",
    ],
    ["show overdue tasks", { status: "pending", due_to: "2026-11-27" }, "overdue tasks"],
    ["anything overdue?", { status: "pending", due_to: "2026-11-27" }, "overdue tasks"],
    [
      "list open tasks tagged garden due this month",
      { status: "pending", tags: ["garden"], due_from: "2026-11-01", due_to: "2026-11-30" },
      "pending tasks tagged garden due this month",
    ],
  ])("%p filters on the due date", (message, filters, phrase) => {
    expect(read(message)).toEqual({ type: "list", filters, phrase });
  });

  test.each<[string, Filters, string]>([
    [
      "Show me completed tasks from this week",
      { status: "completed", completed_from: WEEK.from, completed_to: WEEK.to },
      "tasks completed this week",
    ],
    [
      "what did I finish this week",
      { status: "completed", completed_from: WEEK.from, completed_to: WEEK.to },
      "tasks completed this week",
    ],
    [
      "show me tasks I completed yesterday",
      { status: "completed", completed_from: "2026-11-27", completed_to: "2026-11-27" },
      "tasks completed yesterday",
    ],
    [
      "what have I completed today",
      { status: "completed", completed_from: "2026-11-28", completed_to: "2026-11-28" },
      "tasks completed today",
    ],
    [
      "show me completed tasks from last week",
      { status: "completed", completed_from: "2026-11-16", completed_to: "2026-11-22" },
      "tasks completed last week",
    ],
    [
      "show me the tasks I finished last month",
      { status: "completed", completed_from: "2026-10-01", completed_to: "2026-10-31" },
      "tasks completed last month",
    ],
  ])("%p filters on the completion date", (message, filters, phrase) => {
    expect(read(message)).toEqual({ type: "list", filters, phrase });
  });

  test.each<[string, Filters, string]>([
    [
      "show me tasks due today or tomorrow",
      { due_from: "2026-11-28", due_to: "2026-11-29" },
      "tasks due today or tomorrow",
    ],
    [
      "Show me high priority tasks tagged work due tomorrow that aren't done",
      { status: "pending", priority: ["high"], tags: ["work"], due_from: "2026-11-29", due_to: "2026-11-29" },
      "pending high-priority tasks tagged work due tomorrow",
    ],
    ["show my tasks sorted by priority", { sort: "priority" }, "tasks"],
    ["show my tasks by due date", { sort: "due" }, "tasks"],
  ])("%p combines its parts", (message, filters, phrase) => {
    expect(read(message)).toEqual({ type: "list", filters, phrase });
  });

  test("all four conditions hold at once", () => {
    expect(read("Show me high-priority incomplete work tasks due this week")).toEqual({
      type: "list",
      filters: {
        status: "pending",
        priority: ["high"],
        tags: ["work"],
        due_from: WEEK.from,
        due_to: WEEK.to,
      },
      phrase: "pending high-priority tasks tagged work due this week",
    });
  });
});
