import { expect, test } from "bun:test";
import { batchSize, inBackground, isBackground, requestSeen, shouldDefer } from "./background.ts";

test("given work run in the background, when it asks, then it and what it awaits know it; other code does not", async () => {
  expect(isBackground()).toBe(false);
  const seen = await inBackground(async () => {
    await Promise.resolve();
    return isBackground();
  });
  expect(seen).toBe(true);
  expect(isBackground()).toBe(false);
});

test("given a request ran a statement, when a background loop sizes its batch within the next second, then it takes the small size", () => {
  requestSeen(10_000);
  expect(batchSize(25, 5, 10_000)).toBe(5);
  expect(batchSize(25, 5, 10_999)).toBe(5);
  expect(batchSize(3, 5, 10_500)).toBe(3);
});

test("given no request for a second, when a background loop sizes its batch, then it takes the throughput size", () => {
  requestSeen(20_000);
  expect(batchSize(25, 5, 21_000)).toBe(25);
  expect(batchSize(25, 5, 90_000)).toBe(25);
});

test("given requests about, when work that runs as one long step asks, then it waits, but never longer than its limit", () => {
  requestSeen(100_000);
  expect(shouldDefer(95_000, 60_000, 100_500)).toBe(true);
  expect(shouldDefer(40_000, 60_000, 100_500)).toBe(false);
});

test("given no request for a second, when work that runs as one long step asks, then it runs", () => {
  requestSeen(200_000);
  expect(shouldDefer(199_000, 60_000, 201_000)).toBe(false);
});
