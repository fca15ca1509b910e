import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openServiceRuntime, type RuntimeConfig } from "../src/service-runtime.ts";
import { startService } from "../src/start-service.ts";
import { createMemoryTransport, OUTBOX_CHANNEL } from "@todo/messaging";
import {
  commitEvents,
  effectCounts,
  eventually,
  recordingHandlers,
  taskEvent,
  TEST_MIGRATIONS,
} from "../../messaging/test/harness.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Records when the consumer (its subscription) and the relay (its LISTEN for outbox wake-ups) stop.
async function runtimeRecording(order: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "start-service-"));
  const transport = createMemoryTransport({ retryDelayMs: 10 });
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => transport.close(),
  );
  const ensureTopics = transport.ensureTopics.bind(transport);
  transport.ensureTopics = async (topics) =>
    void (order.push(`topics ${[...topics].sort().join(",")}`), await ensureTopics(topics));
  const subscribe = transport.subscribe.bind(transport);
  transport.subscribe = async (options) => {
    const subscription = await subscribe(options);
    return { ...subscription, stop: async () => void (order.push("consumer"), await subscription.stop()) };
  };
  const config = {
    DATA_DIR: dir,
    TEST_CLOCK: false,
    DATABASE_DRIVER: "pglite",
    DATABASE_POOL_SIZE: 1,
    OUTBOX_RETENTION_HOURS: 24,
    INBOX_RETENTION_HOURS: 336,
    PRUNE_BATCH_SIZE: 1000,
  } as RuntimeConfig;
  const runtime = await openServiceRuntime("svc", config, { transport }, TEST_MIGRATIONS);
  const listen = runtime.database.listen.bind(runtime.database);
  runtime.database.listen = async (channel, onNotify) => {
    const unlisten = await listen(channel, onNotify);
    return channel.startsWith(OUTBOX_CHANNEL)
      ? async () => void (order.push("relay"), await unlisten())
      : unlisten;
  };
  return { ...runtime, close: async () => void (order.push("database"), await runtime.close()) };
}

const part = (order: string[], name: string) => ({ stop: async () => void order.push(name) });

describe("startService", () => {
  test("a started service handles events and publishes its outbox; stop ends the app, the consumer, the parts, the relay and the database, in that order", async () => {
    const order: string[] = [];
    const runtime = await runtimeRecording(order);
    const service = await startService({
      runtime,
      consumer: { name: "svc", handlers: recordingHandlers("svc") },
      parts: [part(order, "scheduler")],
      listen: () => ({ server: { port: 1234 }, stop: async () => void order.push("app") }),
    });
    expect(service.url).toBe("http://localhost:1234");
    await commitEvents(runtime.database.db, [taskEvent(crypto.randomUUID())]);
    await eventually(
      async () => (await effectCounts(runtime.database.db)).rows === 1,
      "the event published and handled",
    );
    await service.stop();
    expect(order.filter((step) => !step.startsWith("topics"))).toEqual([
      "app",
      "consumer",
      "scheduler",
      "relay",
      "database",
    ]);
  });

  test("when the app cannot start, what had started is stopped again and the error is the caller's", async () => {
    const order: string[] = [];
    const runtime = await runtimeRecording(order);
    const starting = startService({
      runtime,
      consumer: { name: "svc", handlers: recordingHandlers("svc") },
      parts: [part(order, "scheduler")],
      listen: () => {
        throw new Error("port 8000 in use");
      },
    });
    await expect(starting).rejects.toThrow("port 8000 in use");
    expect(order.filter((step) => !step.startsWith("topics"))).toEqual([
      "consumer",
      "scheduler",
      "relay",
      "database",
    ]);
  });

  test("the topics a service publishes to are created with its handlers' topics, in one call before it subscribes", async () => {
    const order: string[] = [];
    const runtime = await runtimeRecording(order);
    const handlers = recordingHandlers("svc");
    const service = await startService({
      runtime,
      consumer: { name: "svc", handlers },
      topics: ["task-updates"],
      listen: () => ({ server: { port: 1234 }, stop: async () => {} }),
    });
    await service.stop();
    expect(order.filter((step) => step.startsWith("topics"))).toEqual([
      `topics ${[...Object.keys(handlers), "task-updates"].sort().join(",")}`,
    ]);
  });
});
