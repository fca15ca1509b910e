import { describe, expect, test } from "bun:test";
import { describeRule } from "./describe-rule.ts";
import { parseRrule } from "./parse-rrule.ts";

const say = (rrule: string, time: { hour: number; minute: number } | null = null) =>
  describeRule(parseRrule(rrule), time);

describe("a rule in words", () => {
  test.each([
    ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "every month on the last weekday"],
    ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1", "every month on the first weekday"],
    ["FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=-1", "every month on the last weekend day"],
    ["FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=2", "every month on the second Monday or Tuesday"],
    ["FREQ=MONTHLY;BYDAY=2TU,4TU", "every month on the second Tuesday and fourth Tuesday"],
    ["FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", "every month on the last Friday"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"],
  ])("%p is %p", (rrule, words) => {
    expect(say(rrule)).toBe(words);
  });
});
