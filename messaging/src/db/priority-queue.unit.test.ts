import { expect, test } from "bun:test";
import { PriorityQueue } from "./pglite-shared.ts";

test("given background steps queued behind a running one, when a request's step arrives, then it runs next", async () => {
  const queue = new PriorityQueue();
  const order: string[] = [];
  const step = (name: string) => async () => void order.push(name);
  const done = [
    queue.add(true, step("background 1")),
    queue.add(true, step("background 2")),
    queue.add(true, step("background 3")),
    queue.add(false, step("request")),
  ];
  await Promise.all(done);
  await queue.idle();
  expect(order).toEqual(["background 1", "request", "background 2", "background 3"]);
});

test("given a failing step, when it runs, then its caller sees the error and the next step still runs", async () => {
  const queue = new PriorityQueue();
  const failed = queue.add(false, async () => {
    throw new Error("boom");
  });
  const next = queue.add(false, async () => 42);
  await expect(failed).rejects.toThrow("boom");
  expect(await next).toBe(42);
});
