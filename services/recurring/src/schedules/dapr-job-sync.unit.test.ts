// Specification of what Dapr should hold for a row of `jobs`, and of the bounded parallel push.
import { describe, expect, test } from "bun:test";
import { daprJobStateOf, inParallel } from "./dapr-job-sync.ts";

const dueAt = new Date("2026-12-21T06:00:00Z");
const realNow = new Date("2026-12-20T12:00:00Z");

describe("daprJobStateOf", () => {
  test("given a scheduled job and the service's clock on real time, then a Dapr job at its due time", () => {
    expect(daprJobStateOf({ status: "scheduled", dueAt }, realNow, realNow)).toEqual({
      kind: "scheduled",
      dueTime: dueAt,
    });
  });

  test("given the service's clock an hour behind real time (a test clock), then Dapr fires an hour later, when the service's clock reaches the due time", () => {
    const behind = new Date(realNow.getTime() - 3_600_000);
    expect(daprJobStateOf({ status: "scheduled", dueAt }, behind, realNow)).toEqual({
      kind: "scheduled",
      dueTime: new Date(dueAt.getTime() + 3_600_000),
    });
  });

  test("given the service's clock ahead of real time, then Dapr still fires at the due time, never before", () => {
    const ahead = new Date(realNow.getTime() + 3_600_000);
    expect(daprJobStateOf({ status: "scheduled", dueAt }, ahead, realNow)).toEqual({
      kind: "scheduled",
      dueTime: dueAt,
    });
  });

  test("given a fired, missed, cancelled or failed job, then Dapr holds no job for it", () => {
    for (const status of ["fired", "missed", "cancelled", "failed"] as const)
      expect(daprJobStateOf({ status, dueAt }, realNow, realNow)).toEqual({ kind: "absent" });
  });
});

describe("inParallel", () => {
  test("runs every item, never more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inParallel([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await Promise.resolve();
      done.push(n);
      running--;
    });
    expect(done.toSorted()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  test("after a failure it starts no new item and rethrows the failure", async () => {
    const started: number[] = [];
    // Two at a time: 2 fails while 1 is still running; the worker that ran 1 then stops too.
    const run = inParallel([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error("sidecar away");
      await Promise.resolve();
    });
    await expect(run).rejects.toThrow("sidecar away");
    expect(started).toEqual([1, 2]);
  });
});
