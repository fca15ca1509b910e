import { describe, expect, test } from "bun:test";
import { jsonLimitBroken, MAX_JSON_DEPTH, MAX_JSON_VALUES, parseGuardedJson } from "./body-guard.ts";
import { Validation } from "./errors.ts";

// The two bounds one at a time, through the one scan that checks both.
const jsonNestsDeeperThan = (text: string, max: number) =>
  jsonLimitBroken(text, { depth: max, values: Infinity }) === "depth";
const jsonValueCount = (text: string) => {
  let values = 1;
  while (jsonLimitBroken(text, { depth: Infinity, values }) === "values") values++;
  return values;
};

describe("the JSON depth bound", () => {
  test("nesting up to the bound is accepted and one level more is refused", () => {
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestsDeeperThan(`{"a":${nested(MAX_JSON_DEPTH)}}`, MAX_JSON_DEPTH)).toBe(true);
  });

  test("a body breaking both bounds is refused for the one its scan meets first", () => {
    expect(jsonLimitBroken(`[[[${"0,".repeat(10)}0]]]`, { depth: 2, values: 5 })).toBe("depth");
    expect(jsonLimitBroken(`[${"0,".repeat(10)}[[[0]]]]`, { depth: 2, values: 5 })).toBe("values");
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

describe("the JSON value count bound", () => {
  const refusal = (text: string) => {
    try {
      parseGuardedJson(text);
    } catch (e) {
      return e;
    }
    return undefined;
  };

  test("counts every scalar, array and object once, whatever is inside strings", () => {
    expect(jsonValueCount("1")).toBe(1);
    expect(jsonValueCount("[]")).toBe(1);
    expect(jsonValueCount(" [ ] ")).toBe(1);
    expect(jsonValueCount("[1, 2, [3, {}]]")).toBe(6);
    expect(jsonValueCount('{"a": 1, "b": {"c": [true, null]}}')).toBe(6);
    expect(jsonValueCount(JSON.stringify({ title: 'a, b, [c], {d}, \\" e, f' }))).toBe(2);
  });

  test("a body of up to MAX_JSON_VALUES values is parsed; one more is a 400 on the body naming the limit", () => {
    const flat = (values: number) =>
      `[${Array(values - 1)
        .fill(0)
        .join(",")}]`;
    expect(parseGuardedJson(flat(MAX_JSON_VALUES))).toHaveLength(MAX_JSON_VALUES - 1);
    const error = refusal(flat(MAX_JSON_VALUES + 1));
    expect(error).toBeInstanceOf(Validation);
    expect((error as Validation).field).toBe("body");
    expect((error as Validation).message).toContain(`${MAX_JSON_VALUES} values`);
  });

  test("the costliest body under the size and depth bounds (30,000 values, 31 levels, valid JSON the schema refuses) is refused before it is parsed", () => {
    const worst = "[".repeat(31) + Array(30000).fill(0).join(",") + "]".repeat(31);
    const error = refusal(worst);
    expect(error).toBeInstanceOf(Validation);
    expect((error as Validation).message).toContain(`${MAX_JSON_VALUES} values`);
  });
});
