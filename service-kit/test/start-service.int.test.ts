import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openServiceRuntime, type RuntimeConfig } from "../src/service-runtime.ts";
import { startService } from "../src/start-service.ts";
import { createMemoryTransport } from "@todo/messaging";
import { commitEvents, effectCounts, eventually, recordingHandlers, taskEvent, TEST_MIGRATIONS } from "../../messaging/test/harness.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function runtimeRecording(order: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "start-service-"));
  const transport = createMemoryTransport({ retryDelayMs: 10 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => transport.close());
  const config = { DATA_DIR: dir, TEST_CLOCK: false, DATABASE_DRIVER: "pglite", DATABASE_POOL_SIZE: 1, OUTBOX_RETENTION_HOURS: 24, INBOX_RETENTION_HOURS: 336, PRUNE_BATCH_SIZE: 1000 } as RuntimeConfig;
  const runtime = await openServiceRuntime("svc", config, { transport }, TEST_MIGRATIONS);
  return { ...runtime, close: async () => void (order.push("database"), await runtime.close()) };
}

const part = (order: string[], name: string) => ({ stop: async () => void order.push(name) });

describe("startService", () => {
  test("a started service handles events and publishes its outbox; stop ends the app first and the database last", async () => {
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
    await eventually(async () => (await effectCounts(runtime.database.db)).rows === 1, "the event published and handled");
    await service.stop();
    expect(order).toEqual(["app", "scheduler", "database"]);
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
    expect(order).toEqual(["scheduler", "database"]);
  });
});
