import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { systemClock } from "../src/support/clock.ts";
import { createLogger } from "../src/support/logger.ts";
import { startConsumer } from "../src/inbox/consume-events.ts";
import { Metrics, messagingMetrics } from "../src/metrics/metrics.ts";
import { startRelay } from "../src/relay/outbox-relay.ts";
import { createMemoryTransport } from "../src/transports/memory/memory-transport.ts";
import type { Delivered, Transport } from "../src/transports/transport.ts";
import { freshDatabase } from "../../scripts/testing/fresh-database.ts";
import {
  commitEvents,
  effectCounts,
  eventually,
  recordingHandlers,
  startRecordingConsumer,
  taskEvent,
  TEST_MIGRATIONS,
} from "./harness.ts";
import { effects } from "./schema.ts";
import { inbox } from "../src/db/tables.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  transport: Transport = createMemoryTransport({ retryDelayMs: 10 }),
  kind: "pglite" | "postgres" = "pglite",
) {
  const database = await freshDatabase(kind, TEST_MIGRATIONS);
  const registry = new Metrics();
  const metrics = messagingMetrics(registry);
  cleanups.push(
    () => database.drop(),
    () => transport.close(),
  );
  return { database, transport, registry, metrics };
}

function collectDlq(transport: Transport, topic: string) {
  const received: Delivered[] = [];
  const ready = transport.subscribe({
    group: `dlq-reader-${crypto.randomUUID()}`,
    topics: [topic],
    onMessage: async (m) => void received.push(m),
  });
  cleanups.push(async () => (await ready).stop());
  return received;
}

describe("outbox and inbox over the in-process transport", () => {
  test("committed events reach the consumer once each, in order per task", async () => {
    const { database, transport, registry, metrics } = await setup();
    await startRecordingConsumer("notifier", { database, transport, metrics }, cleanups);
    const relay = startRelay({ database, transport, clock: systemClock, metrics, registry, pollMs: 20 });
    cleanups.push(() => relay.stop());
    const taskId = crypto.randomUUID();
    const events = Array.from({ length: 50 }, (_, i) =>
      taskEvent(taskId, { event_type: i === 0 ? "task.created" : "task.updated" }),
    );
    for (const event of events) await commitEvents(database.db, [event]);
    await eventually(async () => (await effectCounts(database.db)).rows === 50, "50 effects");
    const rows = await database.db.select().from(effects).orderBy(asc(effects.id));
    expect(rows.map((r) => r.eventId)).toEqual(events.map((e) => e.event_id));
    const text = await registry.render();
    expect(text).toContain('events_published_total{topic="task-events"} 50');
    expect(text).toContain("outbox_backlog 0");
  });

  test("two relays on one database (two replicas) publish every event once, in commit order", async () => {
    const { database, transport, metrics } = await setup(
      undefined,
      process.env.TEST_DATABASE_URL ? "postgres" : "pglite",
    );
    const published: string[] = [];
    const spy = await transport.subscribe({
      group: "spy",
      topics: ["task-events"],
      onMessage: async (m) => void published.push(m.headers.event_id!),
    });
    // A slow broker: while one relay is publishing, the other would find the rows committed since.
    const slow: Transport = {
      ...transport,
      publish: async (messages) =>
        void (await Bun.sleep(Math.random() * 20), await transport.publish(messages)),
    };
    const relays = [1, 2].map(() =>
      startRelay({ database, transport: slow, clock: systemClock, metrics, pollMs: 10 }),
    );
    cleanups.push(() => spy.stop(), ...relays.map((relay) => () => relay.stop()));
    const taskId = crypto.randomUUID(); // one key: one partition, so the log's order is the publish order
    const events = Array.from({ length: 300 }, () => taskEvent(taskId));
    for (let i = 0; i < events.length; i += 3) await commitEvents(database.db, events.slice(i, i + 3));
    await eventually(async () => published.length >= 300, "300 published");
    await Bun.sleep(100);
    expect(published).toEqual(events.map((e) => e.event_id));
  });

  test("commits that land while the relay is publishing are published at once, not at the next poll", async () => {
    const { database, transport, metrics } = await setup(
      undefined,
      process.env.TEST_DATABASE_URL ? "postgres" : "pglite",
    );
    await startRecordingConsumer("notifier", { database, transport, metrics }, cleanups);
    // A poll interval far longer than the test: only NOTIFY can get these events out in time.
    const relay = startRelay({ database, transport, clock: systemClock, metrics, pollMs: 120_000 });
    cleanups.push(() => relay.stop());
    // Four writers at once, so commits keep landing while a drain is under way.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 50; i++) await commitEvents(database.db, [taskEvent(crypto.randomUUID())]);
      }),
    );
    await eventually(
      async () => (await effectCounts(database.db)).rows === 200,
      "200 effects without waiting for a poll",
      10_000,
    );
  });

  test("the event loop keeps running while a consumer works through a backlog on PGlite", async () => {
    const { database, transport, metrics } = await setup();
    // More than fits in one batch per partition: a batch is one transaction, the loop yields between batches.
    const events = Array.from({ length: 3000 }, () => taskEvent(crypto.randomUUID()));
    await transport.publish(
      events.map((e) => ({ topic: "task-events", key: e.task_id, value: JSON.stringify(e), headers: {} })),
    );
    let handledWhenTimerRan = -1;
    await startRecordingConsumer("notifier", { database, transport, metrics }, cleanups);
    // A timer stands for an HTTP request arriving meanwhile: it must not wait for the whole backlog.
    setTimeout(
      () => void (handledWhenTimerRan = metrics.consumed.get({ consumer: "notifier", topic: "task-events" })),
      0,
    );
    await eventually(async () => (await effectCounts(database.db)).rows === 3000, "the backlog handled");
    expect(handledWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(handledWhenTimerRan).toBeLessThan(3000);
  });

  test("the same event delivered 100 times produces exactly one side effect", async () => {
    const { database, transport, metrics } = await setup();
    await startRecordingConsumer("notifier", { database, transport, metrics }, cleanups);
    const event = taskEvent(crypto.randomUUID());
    const message = { topic: "task-events", key: event.task_id, value: JSON.stringify(event), headers: {} };
    await transport.publish(Array.from({ length: 100 }, () => message));
    await eventually(
      async () => metrics.duplicates.get({ consumer: "notifier", topic: "task-events" }) === 99,
      "99 duplicates skipped",
    );
    expect(await effectCounts(database.db)).toEqual({ rows: 1, distinct: 1 });
  });

  test("events the handlers ignore are acknowledged with no inbox row; the others are handled", async () => {
    const { database, transport, metrics } = await setup();
    await startRecordingConsumer(
      "recurring",
      { database, transport, metrics, ignores: { "task-events": (e) => e.event_type === "task.deleted" } },
      cleanups,
    );
    const relay = startRelay({ database, transport, clock: systemClock, metrics, pollMs: 20 });
    cleanups.push(() => relay.stop());
    const taskId = crypto.randomUUID(); // one partition: alone, then in batches with the others
    const events = Array.from({ length: 40 }, (_, i) =>
      taskEvent(i % 4 === 0 ? taskId : crypto.randomUUID(), {
        event_type: i % 2 === 0 ? "task.deleted" : "task.updated",
      }),
    );
    for (const event of events.slice(0, 4)) await commitEvents(database.db, [event]);
    await commitEvents(database.db, events.slice(4));
    const ids = (rows: { eventId: string }[]) => rows.map((r) => r.eventId).sort();
    const wanted = events.filter((e) => e.event_type === "task.updated").map((e) => e.event_id);
    await eventually(async () => (await effectCounts(database.db)).rows === 20, "20 effects");
    await Bun.sleep(100); // a wrongly handled ignored event would land meanwhile
    expect(ids(await database.db.select().from(effects))).toEqual(wanted.sort());
    expect(ids(await database.db.select().from(inbox))).toEqual(wanted.sort());
    expect(metrics.ignored.get({ consumer: "recurring", topic: "task-events" })).toBe(20);
    // Acknowledged all the same: what waits for a consumer to catch up counts them.
    expect(metrics.consumed.get({ consumer: "recurring", topic: "task-events" })).toBe(40);
  });

  test("a malformed event goes to the DLQ with its error, and the events behind it are still handled", async () => {
    const { database, transport, metrics } = await setup();
    const dlq = collectDlq(transport, "task-events.dlq");
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ service: "recurring", write: (line) => void lines.push(JSON.parse(line)) });
    await startRecordingConsumer("recurring", { database, transport, metrics, logger }, cleanups);
    const key = crypto.randomUUID();
    const good = taskEvent(key);
    await transport.publish([
      { topic: "task-events", key, value: "{not json", headers: { origin: "test" } },
      {
        topic: "task-events",
        key,
        value: JSON.stringify({ ...taskEvent(key), event_type: "task.exploded" }),
        headers: {},
      },
      { topic: "task-events", key, value: JSON.stringify(good), headers: {} },
    ]);
    await eventually(
      async () => (await effectCounts(database.db)).rows === 1 && dlq.length === 2,
      "one effect and two dead letters",
    );
    expect(dlq[0]).toMatchObject({
      key,
      value: "{not json",
      headers: { origin: "test", dlq_reason: "invalid_json", dlq_consumer: "recurring" },
    });
    expect(dlq[1]!.headers.dlq_reason).toBe("contract");
    expect(dlq[1]!.headers.dlq_error).toContain("event_type");
    expect((await database.db.select().from(effects))[0]!.eventId).toBe(good.event_id);
    // Said through the service's logger, one JSON line each, never the message's content.
    expect(lines.map((line) => [line.level, line.service, line.reason])).toEqual([
      ["warn", "recurring", "invalid_json"],
      ["warn", "recurring", "contract"],
    ]);
  });

  test("a handler that fails now and then is retried; one that keeps failing goes to the DLQ", async () => {
    const { database, transport, metrics } = await setup();
    const dlq = collectDlq(transport, "task-events.dlq");
    const flaky = taskEvent(crypto.randomUUID());
    const poison = taskEvent(crypto.randomUUID());
    let flakyCalls = 0;
    const consumer = await startConsumer({
      name: "backend",
      database,
      transport,
      metrics,
      maxAttempts: 3,
      retryDelayMs: 5,
      handlers: {
        "task-events": async (tx, event) => {
          if (event.event_id === flaky.event_id && ++flakyCalls < 3) throw new Error("temporary trouble");
          if (event.event_id === poison.event_id) throw new Error("this event can never be handled");
          await recordingHandlers("backend")["task-events"]!(tx, event, {} as Delivered);
        },
      },
    });
    cleanups.push(() => consumer.stop());
    await transport.publish(
      [poison, flaky].map((e) => ({
        topic: "task-events",
        key: e.task_id,
        value: JSON.stringify(e),
        headers: {},
      })),
    );
    await eventually(
      async () => dlq.length === 1 && (await effectCounts(database.db)).rows === 1,
      "poison in the DLQ and the flaky event handled",
    );
    expect(dlq[0]!.headers.dlq_error).toContain("this event can never be handled (after 3 attempts)");
    expect(flakyCalls).toBe(3);
    // The failed attempts rolled back their inbox rows too: nothing of the poison event remains.
    expect((await database.db.select().from(effects)).map((r) => r.eventId)).toEqual([flaky.event_id]);
  });

  test("while the database is down events wait and are handled when it is back, not dead-lettered", async () => {
    const { database, transport, metrics } = await setup();
    const dlq = collectDlq(transport, "task-events.dlq");
    let down = true;
    const consumer = await startConsumer({
      name: "notifier",
      database: {
        ...database,
        ping: () => (down ? Promise.reject(new Error("connection refused")) : database.ping()),
        db: new Proxy(database.db, {
          get: (target, prop, receiver) =>
            down && (prop === "transaction" || prop === "execute")
              ? () => Promise.reject(new Error("connection refused"))
              : Reflect.get(target, prop, receiver),
        }),
      },
      transport,
      metrics,
      maxAttempts: 2,
      retryDelayMs: 1,
      handlers: recordingHandlers("notifier"),
    });
    cleanups.push(() => consumer.stop());
    const event = taskEvent(crypto.randomUUID());
    await transport.publish([
      { topic: "task-events", key: event.task_id, value: JSON.stringify(event), headers: {} },
    ]);
    await Bun.sleep(300);
    expect(await effectCounts(database.db)).toEqual({ rows: 0, distinct: 0 });
    down = false;
    await eventually(
      async () => (await effectCounts(database.db)).rows === 1,
      "the event handled after the database came back",
    );
    expect(dlq).toEqual([]);
  });

  test("with a data directory, events published before a restart are delivered after it, once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memory-transport-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const database = await freshDatabase("pglite", TEST_MIGRATIONS);
    cleanups.push(() => database.drop());
    const metrics = messagingMetrics(new Metrics());
    const first = createMemoryTransport({ dir, retryDelayMs: 10 });
    const consumer1 = await startConsumer({
      name: "notifier",
      database,
      transport: first,
      handlers: recordingHandlers("notifier"),
      metrics,
    });
    const early = Array.from({ length: 20 }, () => taskEvent(crypto.randomUUID()));
    await first.publish(
      early.map((e) => ({ topic: "task-events", key: e.task_id, value: JSON.stringify(e), headers: {} })),
    );
    await eventually(
      async () => (await effectCounts(database.db)).rows === 20,
      "20 effects before the restart",
    );
    await consumer1.stop();
    // Published while the consumer is down: only the log on disk holds these now.
    const late = Array.from({ length: 30 }, () => taskEvent(crypto.randomUUID()));
    await first.publish(
      late.map((e) => ({ topic: "task-events", key: e.task_id, value: JSON.stringify(e), headers: {} })),
    );
    await first.close();

    const second = createMemoryTransport({ dir, retryDelayMs: 10 });
    cleanups.push(() => second.close());
    await startRecordingConsumer("notifier", { database, transport: second, metrics }, cleanups);
    await eventually(
      async () => (await effectCounts(database.db)).rows === 50,
      "all 50 effects after the restart",
    );
    await Bun.sleep(100);
    expect(await effectCounts(database.db)).toEqual({ rows: 50, distinct: 50 });
  });

  test("a rolled-back mutation publishes nothing", async () => {
    const { database, transport, metrics } = await setup();
    const relay = startRelay({ database, transport, clock: systemClock, metrics, pollMs: 10 });
    cleanups.push(() => relay.stop());
    const seen: Delivered[] = [];
    const sub = await transport.subscribe({
      group: "spy",
      topics: ["task-events"],
      onMessage: async (m) => void seen.push(m),
    });
    cleanups.push(() => sub.stop());
    await database.db
      .transaction(async (tx) => {
        await commitEvents(tx, [taskEvent(crypto.randomUUID())]);
        throw new Error("the mutation failed after writing its events");
      })
      .catch(() => {});
    const kept = taskEvent(crypto.randomUUID());
    await commitEvents(database.db, [kept]);
    await eventually(async () => seen.length === 1, "the committed event");
    await Bun.sleep(100);
    expect(seen.map((m) => JSON.parse(m.value).event_id)).toEqual([kept.event_id]);
  });
});
