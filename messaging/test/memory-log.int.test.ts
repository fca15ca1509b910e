import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GroupOffsets } from "../src/transports/memory/group-offsets.ts";
import { MemoryLog } from "../src/transports/memory/memory-log.ts";

// The memory transport's files: the log and the offsets, read back after a restart.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "memory-log-"));
  dirs.push(dir);
  return dir;
};
const message = (value: string) => ({ topic: "reminders", key: "k", value, headers: {} });

describe("the memory log on disk", () => {
  test("a log made again over its directory has every message at its offset", () => {
    const dir = dataDir();
    new MemoryLog({ dir, partitions: 1, consumedBefore: () => () => 0 }).append(["a", "b"].map(message));
    const again = new MemoryLog({ dir, partitions: 1, consumedBefore: () => () => 0 });
    expect(again.read("reminders", 0, 0, 10).map((e) => [e.o, e.v])).toEqual([
      [0, "a"],
      [1, "b"],
    ]);
  });

  test("entries every group consumed are dropped at start, and the partition continues at its offsets", () => {
    const dir = dataDir();
    new MemoryLog({ dir, partitions: 1, consumedBefore: () => () => 0 }).append(["a", "b", "c"].map(message));
    const offsetsFile = join(dir, "offsets.json");
    const offsets = new GroupOffsets(offsetsFile);
    offsets.of("notifier", "reminders", () => [2]);
    offsets.flush();

    const saved = new GroupOffsets(offsetsFile);
    const log = new MemoryLog({ dir, partitions: 1, consumedBefore: (t) => saved.consumedBefore(t) });
    expect(log.read("reminders", 0, 0, 10).map((e) => e.v)).toEqual(["c"]);
    expect(readFileSync(join(dir, "reminders.log"), "utf8").trim().split("\n")).toHaveLength(1);
    log.append([message("d"), message("e")]);
    expect(log.ends("reminders")).toEqual([5]);
    // A group that starts from the beginning now begins at the oldest entry kept.
    expect(log.read("reminders", 0, 1, 10).map((e) => [e.o, e.v])).toEqual([
      [2, "c"],
      [3, "d"],
      [4, "e"],
    ]);
  });

  test("a partition consumed to its end continues after its last offset", () => {
    const dir = dataDir();
    new MemoryLog({ dir, partitions: 1, consumedBefore: () => () => 0 }).append(["a", "b"].map(message));
    const log = new MemoryLog({ dir, partitions: 1, consumedBefore: () => () => 2 });
    expect(log.read("reminders", 0, 0, 10)).toEqual([]);
    expect(log.ends("reminders")).toEqual([2]);
    // Its file is empty now; the offsets still say where it was.
    const again = new MemoryLog({ dir, partitions: 1, consumedBefore: () => () => 2 });
    expect(again.ends("reminders")).toEqual([2]);
  });
});
