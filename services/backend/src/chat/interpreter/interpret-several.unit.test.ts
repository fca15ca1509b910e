import { describe, expect, test } from "bun:test";
import { interpretSeveral } from "./interpret-several.ts";

// Wednesday 2 December 2026, 11:00 in Berlin.
const NOW = new Date("2026-12-02T10:00:00Z");
const read = (message: string) => interpretSeveral(message, { now: NOW, zone: "Europe/Berlin" });
const title = (text: string) => ({ kind: "title", text });

describe("several requests in one message are read one by one, in order", () => {
  test.each<[string, unknown[]]>([
    [
      "add milk and eggs tomorrow, and complete the report",
      [
        { type: "add", title: "milk and eggs", due: { date: "2026-12-03" } },
        { type: "complete", target: title("report") },
      ],
    ],
    [
      "mark call mom as done and delete buy milk",
      [
        { type: "complete", target: title("call mom") },
        { type: "delete", target: title("buy milk") },
      ],
    ],
    [
      "add pay rent friday, then tag it home",
      [
        { type: "add", title: "pay rent", due: { date: "2026-12-04" } },
        { type: "add_tags", target: { kind: "pronoun" }, tags: ["home"] },
      ],
    ],
    [
      "add call the bank and mark it high priority",
      [
        { type: "add", title: "call the bank" },
        { type: "set_priority", target: { kind: "pronoun" }, priority: "high" },
      ],
    ],
    [
      "delete the old draft; add write the new draft tomorrow",
      [
        { type: "delete", target: title("old draft") },
        { type: "add", title: "write the new draft", due: { date: "2026-12-03" } },
      ],
    ],
  ])("%p", (message, intents) => {
    expect(read(message)).toMatchObject(intents as object[]);
    expect(read(message)).toHaveLength(intents.length);
  });

  test.each([
    "add milk and eggs",
    "add milk and remind me at 5pm",
    "complete haircut and buy milk",
    "remind me to call mom and check the oven at 5pm",
    "find tasks about search and rescue",
    "add 'review and complete the report'",
    "every monday at 9 add standup and notes",
  ])("%p is one request", (message) => {
    expect(read(message)).toHaveLength(1);
  });

  test.each([
    "add 'review and complete the report'",
    "add “review and complete the report”",
    "add ‘review and complete the report’",
  ])("%p, quoted, is one task with that title", (message) => {
    expect(read(message)).toEqual([{ type: "add", title: "review and complete the report" }]);
  });

  test("'add review and complete the report' could be one task or two requests, so the bot asks", () => {
    const [intent] = read("add review and complete the report");
    expect(intent).toMatchObject({
      type: "clarify",
      question:
        'Do you mean 2 requests ("add review", then "complete the report"), or one task called "review and complete the report"? Say "both" or "one".',
      resume: {
        kind: "split",
        parts: [
          { type: "add", title: "review" },
          { type: "complete", target: title("report") },
        ],
        whole: { type: "add", title: "review and complete the report" },
      },
    });
  });
});
