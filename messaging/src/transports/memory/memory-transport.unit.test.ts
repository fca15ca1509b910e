import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Delivered, Message, Transport } from "../transport.ts";
import { createMemoryTransport } from "./memory-transport.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function logDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), "memory-transport-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function transportIn(dir: string): Transport {
  const transport = createMemoryTransport({ dir, partitions: 1, retryDelayMs: 10 });
  cleanups.push(() => transport.close());
  return transport;
}

const messages = (topic: string, values: string[]): Message[] =>
  values.map((value) => ({ topic, key: "one-key", value, headers: {} }));

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
}

/** Subscribes `group` to `topic`, collecting the values it is handed; `hold` keeps its handler waiting. */
async function reader(transport: Transport, group: string, topic: string, hold?: Promise<void>) {
  const values: string[] = [];
  const subscription = await transport.subscribe({
    group,
    topics: [topic],
    onMessage: async (message: Delivered) => {
      await hold;
      values.push(message.value);
    },
  });
  cleanups.push(() => subscription.stop());
  return { values, subscription };
}

describe("the memory transport with a log on disk keeps in memory only what a group still has to read", () => {
  test("given every group of a topic read its entries, when a new group subscribes from the earliest, then it starts after them", async () => {
    const transport = transportIn(logDirectory());
    const first = await reader(transport, "first", "topic");
    await transport.publish(messages("topic", ["a", "b", "c"]));
    await until(() => first.values.length === 3, "the first group to read three");

    const late = await reader(transport, "late", "topic");
    await transport.publish(messages("topic", ["d"]));

    await until(() => late.values.length === 1, "the late group to read one");
    expect(late.values).toEqual(["d"]);
  });

  test("given one group of a topic is behind, when the others have read everything, then it still gets every entry", async () => {
    const transport = transportIn(logDirectory());
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const fast = await reader(transport, "fast", "topic");
    const slow = await reader(transport, "slow", "topic", held);
    await transport.publish(messages("topic", ["a", "b", "c"]));
    await until(() => fast.values.length === 3, "the fast group to read three");

    release();

    await until(() => slow.values.length === 3, "the slow group to read three");
    expect(slow.values).toEqual(["a", "b", "c"]);
  });

  test("given a group that reads another topic only, when the process starts again, then the read topic's log is compacted", async () => {
    const dir = logDirectory();
    const before = transportIn(dir);
    const tasks = await reader(before, "tasks", "task-events");
    await reader(before, "reminders", "reminders");
    await before.publish(messages("task-events", ["a", "b"]));
    await until(() => tasks.values.length === 2, "both task events read");
    await tasks.subscription.stop();
    await before.close();

    const after = transportIn(dir);
    await after.ensureTopics(["task-events"]);

    expect(readFileSync(join(dir, "task-events.log"), "utf8")).toBe("");
  });
});
