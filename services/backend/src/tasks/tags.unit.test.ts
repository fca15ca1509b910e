import { describe, expect, test } from "bun:test";
import { applyTagEdits, normalizeTags } from "./tags.ts";

describe("tags", () => {
  test("'Work' and ' work ' are the same tag", () => {
    expect(normalizeTags(["Work", " work ", "#WORK"])).toEqual(["work"]);
  });

  test("adding keeps what is there and removing takes out only the one named", () => {
    expect(applyTagEdits(["travel", "urgent"], { tags_add: ["Expense"] })).toEqual([
      "travel",
      "urgent",
      "expense",
    ]);
    expect(applyTagEdits(["travel", "urgent", "expense"], { tags_remove: ["urgent"] })).toEqual([
      "travel",
      "expense",
    ]);
    expect(applyTagEdits(["a"], { tags: ["B", "c"] })).toEqual(["b", "c"]);
  });

  test("empty, over-long, comma-separated and too many tags are refused", () => {
    expect(() => normalizeTags([" "])).toThrow("must not be empty");
    expect(() => normalizeTags(["x".repeat(41)])).toThrow("longer than");
    expect(() => normalizeTags(["a,b"])).toThrow("comma");
    expect(() => normalizeTags(Array.from({ length: 21 }, (_, i) => `t${i}`))).toThrow("at most 20");
  });
});
