import { expect, test } from "bun:test";
import { asSharedRead, isSharedRead, sharedReadKey, WaitingReads } from "./shared-reads.ts";

/** A queue held by the test: `enqueue` adds a step, `runNext` starts and answers the oldest. */
function heldQueue() {
  const steps: { started: () => void; resolve: (rows: string) => void }[] = [];
  let runs = 0;
  return {
    enqueue: (started: () => void) =>
      new Promise<string>((resolve) => {
        steps.push({ started, resolve });
      }),
    runNext: (answer: string) => {
      const step = steps.shift()!;
      step.started();
      runs++;
      step.resolve(answer);
    },
    get runs() {
      return runs;
    },
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test("given a read waiting in the queue, when an identical one arrives, then it shares the first's answer", async () => {
  const reads = new WaitingReads();
  const queue = heldQueue();
  const first = reads.run("k", queue.enqueue);
  await nextTurn(); // the first is in the queue now
  const second = reads.run("k", queue.enqueue);
  queue.runNext("rows");
  expect(await Promise.all([first, second])).toEqual(["rows", "rows"]);
  expect(queue.runs).toBe(1);
});

test("given a read that has started, when an identical one arrives, then it is queued on its own (it may follow a write)", async () => {
  const reads = new WaitingReads();
  const queue = heldQueue();
  const first = reads.run("k", queue.enqueue);
  await nextTurn();
  queue.runNext("before the write");
  const second = reads.run("k", queue.enqueue);
  await nextTurn();
  queue.runNext("after the write");
  expect(await first).toBe("before the write");
  expect(await second).toBe("after the write");
  expect(queue.runs).toBe(2);
});

test("given identical reads asked in one turn of the event loop, when the queue runs them at once, then they share one run", async () => {
  const reads = new WaitingReads();
  let runs = 0;
  const immediate = async (started: () => void) => {
    started();
    return ++runs;
  };
  const burst = Array.from({ length: 5 }, () => reads.run("k", immediate));
  expect(await Promise.all(burst)).toEqual([1, 1, 1, 1, 1]);
  expect(await reads.run("k", immediate)).toBe(2);
});

test("given different keys, when both wait, then each runs", async () => {
  const reads = new WaitingReads();
  const queue = heldQueue();
  const a = reads.run("a", queue.enqueue);
  const b = reads.run("b", queue.enqueue);
  await nextTurn();
  queue.runNext("A");
  queue.runNext("B");
  expect(await Promise.all([a, b])).toEqual(["A", "B"]);
});

test("only a SELECT with serializable parameters has a key; the schema and parameters are part of it", () => {
  expect(sharedReadKey("backend", ["select 1 where x = $1", [1]])).toBeString();
  expect(sharedReadKey("backend", ["  SELECT\n1", []])).toBeString();
  expect(sharedReadKey("backend", ["select 1 where x = $1", [1]])).not.toBe(
    sharedReadKey("backend", ["select 1 where x = $1", [2]]),
  );
  expect(sharedReadKey("backend", ["select 1", []])).not.toBe(sharedReadKey("notifier", ["select 1", []]));
  expect(sharedReadKey("backend", ["insert into t values (1)", []])).toBeUndefined();
  expect(
    sharedReadKey("backend", ["with x as (delete from t returning *) select * from x", []]),
  ).toBeUndefined();
  expect(sharedReadKey("backend", ["select $1", [10n]])).toBeUndefined();
});

test("asSharedRead marks what it runs, down through its awaits, and nothing outside it", async () => {
  expect(isSharedRead()).toBe(false);
  expect(
    await asSharedRead(async () => {
      await Bun.sleep(1);
      return isSharedRead();
    }),
  ).toBe(true);
  expect(isSharedRead()).toBe(false);
});
