import { expect, test } from "bun:test";
import { listCount } from "./list-count.ts";

test("given no answer yet, the head says it is loading", () => {
  expect(listCount(undefined, { onlyDone: false, filtered: true })).toBe("Loading…");
});

test("given the open tasks, it counts them as open, and says when filters hide some", () => {
  expect(listCount(5, { onlyDone: false, filtered: false })).toBe("5 open");
  expect(listCount(0, { onlyDone: false, filtered: true })).toBe("0 open, filtered");
});

test("given the status filter on completed, it counts them as done", () => {
  expect(listCount(2, { onlyDone: true, filtered: true })).toBe("2 done, filtered");
});
