import { describe, expect, test } from "bun:test";
import { partitionFor } from "../transport.ts";
import { GroupOffsets } from "./group-offsets.ts";
import { MemoryLog } from "./memory-log.ts";

const message = (key: string, value: string, topic = "reminders") => ({
  topic,
  key,
  value,
  headers: { h: value },
});
const logOf = (partitions = 3) => new MemoryLog({ partitions, consumedBefore: () => () => 0 });

describe("MemoryLog", () => {
  test("one key's messages go to its partition with consecutive offsets, in the order appended", () => {
    const log = logOf();
    log.append([message("task-1", "a"), message("task-1", "b"), message("task-1", "c")]);
    const p = partitionFor("task-1", 3);
    expect(log.read("reminders", p, 0, 10).map((e) => [e.o, e.v, e.h.h])).toEqual([
      [0, "a", "a"],
      [1, "b", "b"],
      [2, "c", "c"],
    ]);
    expect(log.ends("reminders")[p]).toBe(3);
  });

  test("a read starts at the offset asked for and holds at most `max` entries", () => {
    const log = logOf(1);
    log.append(["a", "b", "c", "d"].map((v) => message("k", v)));
    expect(log.read("reminders", 0, 1, 2).map((e) => e.v)).toEqual(["b", "c"]);
    expect(log.read("reminders", 0, 4, 2)).toEqual([]);
  });

  test("topics are apart: each has its own partitions and offsets", () => {
    const log = logOf(1);
    log.append([message("k", "a", "one"), message("k", "b", "two"), message("k", "c", "two")]);
    expect(log.ends("one")).toEqual([1]);
    expect(log.ends("two")).toEqual([2]);
  });

  test("a reader waiting on a partition wakes at the next append to its topic, or at wake()", async () => {
    const log = logOf(1);
    const woken: string[] = [];
    const first = log.waitForMore("reminders", 0).then(() => woken.push("append"));
    log.append([message("k", "a")]);
    await first;
    const second = log.waitForMore("reminders", 0).then(() => woken.push("wake"));
    log.wake();
    await second;
    expect(woken).toEqual(["append", "wake"]);
  });
});

describe("GroupOffsets", () => {
  test("a group's offsets start where `initial` says and stay the same array once set", () => {
    const offsets = new GroupOffsets();
    const next = offsets.of("notifier", "reminders", () => [0, 5]);
    next[1] = 7;
    expect(offsets.of("notifier", "reminders", () => [9, 9])).toEqual([0, 7]);
  });

  test("what every group of a topic consumed is the smallest offset among them; groups of other topics do not hold it back, and a topic nobody reads is at 0", () => {
    const offsets = new GroupOffsets();
    offsets.of("a", "reminders", () => [4, 2]);
    offsets.of("b", "reminders", () => [3, 6]);
    expect([0, 1].map(offsets.consumedBefore("reminders"))).toEqual([3, 2]);
    offsets.of("c", "task-events", () => [1, 1]);
    expect([0, 1].map(offsets.consumedBefore("reminders"))).toEqual([3, 2]);
    expect([0, 1].map(offsets.consumedBefore("nobody-reads-this"))).toEqual([0, 0]);
    expect(new GroupOffsets().consumedBefore("reminders")(0)).toBe(0);
  });
});
