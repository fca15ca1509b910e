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

/** A queue whose "next turn of the event loop" comes only when the test says so. */
function queueWithTurns() {
  const turns: (() => void)[] = [];
  const queue = new PriorityQueue((then) => void turns.push(then));
  const order: string[] = [];
  const step = (name: string) => async () => void order.push(name);
  const nextTurn = () => turns.splice(0).forEach((then) => then());
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { queue, order, step, nextTurn, settle };
}

test("given two background steps queued, when the first ends, then the second waits for the event loop's next turn", async () => {
  const { queue, order, step, nextTurn, settle } = queueWithTurns();
  void queue.add(true, step("background 1"));
  const second = queue.add(true, step("background 2"));
  await settle();
  expect(order).toEqual(["background 1"]);
  nextTurn();
  await second;
  expect(order).toEqual(["background 1", "background 2"]);
});

test("given a background step waiting for the next turn, when a request's step arrives, then it runs at once", async () => {
  const { queue, order, step, nextTurn, settle } = queueWithTurns();
  void queue.add(true, step("background 1"));
  const second = queue.add(true, step("background 2"));
  await settle();
  await queue.add(false, step("request"));
  expect(order).toEqual(["background 1", "request"]);
  nextTurn();
  await second;
  expect(order).toEqual(["background 1", "request", "background 2"]);
});

test("given a background step waiting for its turn, when the queue is awaited idle, then it resolves after that step ran", async () => {
  const queue = new PriorityQueue();
  const order: string[] = [];
  void queue.add(true, async () => void order.push("background 1"));
  void queue.add(true, async () => void order.push("background 2"));
  await queue.idle();
  expect(order).toEqual(["background 1", "background 2"]);
});
