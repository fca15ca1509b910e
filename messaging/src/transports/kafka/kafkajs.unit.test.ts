import { describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { nextQueueCheckIn, RequestQueue } from "./kafkajs.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const queue = () => new RequestQueue({ clientId: "test", broker: "127.0.0.1:9092", logger: silent });

describe("kafkajs' request queue, corrected", () => {
  test("the correction is for the kafkajs release it was written against (check it again on an upgrade)", () => {
    const { version } = createRequire(import.meta.url)("kafkajs/package.json") as { version: string };
    expect(version).toBe("2.2.4");
  });

  test("an idle queue that is not throttled sets no timer after a request was answered", () => {
    const idle = queue();
    idle.checkPendingRequests(); // what kafkajs does after every answered request
    expect(idle.throttleCheckTimeoutId).toBeNull();
  });

  test("a queue with a pending request looks at it again soon", () => {
    const busy = queue();
    busy.pending.push({});
    busy.scheduleCheckPendingRequests();
    expect(busy.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(busy.throttleCheckTimeoutId!);
  });

  test("given no pending request and no throttle, there is nothing to wait for", () => {
    expect(nextQueueCheckIn(0, -1, 1_796_566_862_200)).toBeUndefined();
  });

  test("given a throttle the broker asked for, the check waits for its end", () => {
    expect(nextQueueCheckIn(0, 1_500, 1_000)).toBe(500);
    expect(nextQueueCheckIn(3, 1_500, 1_000)).toBe(500);
  });

  test("given pending requests and no throttle, the check comes after kafkajs' 10 ms", () => {
    expect(nextQueueCheckIn(2, -1, 1_000)).toBe(10);
    expect(nextQueueCheckIn(2, 1_000, 1_000)).toBe(10);
  });
});
