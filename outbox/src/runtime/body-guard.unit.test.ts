import { describe, expect, test } from "bun:test";
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, parseGuardedJson } from "./body-guard.ts";
import { Validation } from "./errors.ts";

describe("the JSON depth bound", () => {
  test("nesting up to the bound is accepted and one level more is refused", () => {
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestsDeeperThan(`{"a":${nested(MAX_JSON_DEPTH)}}`, MAX_JSON_DEPTH)).toBe(true);
  });

  test("brackets inside strings, escaped quotes included, do not count as nesting", () => {
    const title = JSON.stringify({ title: `say \\"${"[".repeat(100)}\\" twice ${"{".repeat(100)}` });
    expect(jsonNestsDeeperThan(title, 2)).toBe(false);
    expect(parseGuardedJson(title)).toEqual(JSON.parse(title));
  });

  test("a too-deep body is a validation error on the body that does not echo it", () => {
    const deep = "[".repeat(30000) + "]".repeat(30000);
    let error: unknown;
    try {
      parseGuardedJson(deep);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Validation);
    expect((error as Validation).field).toBe("body");
    expect((error as Validation).message.length).toBeLessThan(100);
  });

  test("an empty body parses to null, so routes without a body still answer", () => {
    expect(parseGuardedJson("  ")).toBeNull();
  });
});
