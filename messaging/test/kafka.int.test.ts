import { afterEach, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { Kafka, logLevel } from "../src/transports/kafka/kafkajs.ts";
import { rowsOf } from "../src/db/database.ts";
import { Metrics, messagingMetrics } from "../src/metrics/metrics.ts";
import { startRelay } from "../src/relay/outbox-relay.ts";
import { systemClock } from "../src/support/clock.ts";
import { kafkaClients, kafkaTransport, type KafkaClient } from "./kafka-client.ts";
import type { Message, Transport } from "../src/transports/transport.ts";
import { startKafka } from "../../scripts/infra/kafka.ts";
import { freshDatabase } from "../../scripts/testing/fresh-database.ts";
import {
  commitEvents,
  effectCounts,
  eventually,
  startRecordingConsumer,
  taskEvent,
  TEST_MIGRATIONS,
} from "./harness.ts";

const brokers = process.env.TEST_KAFKA_BROKERS;
const hasServers = Boolean(brokers && process.env.TEST_DATABASE_URL);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch((e) => console.warn("cleanup:", e));
});

// Every test gets its own topic namespace through unique consumer groups and fresh task ids; the
// topics themselves are shared, so each test counts only its own events (its own database).
let kafkaClient: KafkaClient = "kafkajs";

async function setup(broker = brokers!) {
  const database = await freshDatabase("postgres", TEST_MIGRATIONS);
  const transport = kafkaTransport(kafkaClient, { brokers: [broker], clientId: "test" });
  const metrics = messagingMetrics(new Metrics());
  cleanups.push(
    () => database.drop(),
    () => transport.close(),
  );
  return { database, transport, metrics, group: `g-${crypto.randomUUID().slice(0, 8)}` };
}

const asMessage = (event: ReturnType<typeof taskEvent>): Message => ({
  topic: "task-events",
  key: event.task_id,
  value: JSON.stringify(event),
  headers: {},
});

function spawnFixture(name: string, env: Record<string, string>) {
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "fixtures", name)], {
    env: { ...process.env, ...env },
    stdout: "pipe",
    stderr: "inherit",
  });
  cleanups.push(async () => {
    child.kill("SIGKILL");
    await child.exited;
  });
  return child;
}

async function startedLine(child: ReturnType<typeof spawnFixture>) {
  const reader = child.stdout.getReader();
  let text = "";
  while (!text.includes("ready")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`fixture exited before it was ready: ${text}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
}

/** Only this test's events: a consumer group that starts at the end of the shared topics. */
async function skipToEnd(transport: Transport, group: string) {
  const kafka = new Kafka({ brokers: [brokers!], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await transport.ensureTopics(["task-events"]);
  let offsets: Awaited<ReturnType<typeof admin.fetchTopicOffsets>> = [];
  for (let attempt = 0; ; attempt++) {
    try {
      offsets = await admin.fetchTopicOffsets("task-events");
      break;
    } catch (error) {
      if (attempt > 20) throw error; // a just-created topic has no leader for a moment
      await Bun.sleep(250);
    }
  }
  await admin.setOffsets({
    groupId: group,
    topic: "task-events",
    partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
  });
  await admin.disconnect();
}

describe.skipIf(!hasServers).each(kafkaClients)(
  "outbox and inbox over a real Kafka broker with %s",
  (client) => {
    beforeAll(() => void (kafkaClient = client));

    test("committed events travel relay → Kafka → consumer once each, in order per task", async () => {
      const { database, transport, metrics, group } = await setup();
      await skipToEnd(transport, group);
      await startRecordingConsumer(group, { database, transport, metrics }, cleanups);
      const relay = startRelay({ database, transport, clock: systemClock, metrics, pollMs: 50 });
      cleanups.push(() => relay.stop());
      const tasks = Array.from({ length: 20 }, () => crypto.randomUUID());
      const events = Array.from({ length: 200 }, (_, i) => taskEvent(tasks[i % 20]!));
      for (let i = 0; i < events.length; i += 10) await commitEvents(database.db, events.slice(i, i + 10));
      await eventually(async () => (await effectCounts(database.db)).rows >= 200, "200 effects", 60_000);
      expect(await effectCounts(database.db)).toEqual({ rows: 200, distinct: 200 });
      const rows = rowsOf<{ task_id: string; event_id: string }>(
        await database.db.execute(sql`select task_id, event_id from effects order by id`),
      );
      for (const task of tasks) {
        expect(rows.filter((r) => r.task_id === task).map((r) => r.event_id)).toEqual(
          events.filter((e) => e.task_id === task).map((e) => e.event_id),
        );
      }
    });

    test("the same event delivered 100 times produces exactly one side effect", async () => {
      const { database, transport, metrics, group } = await setup();
      await skipToEnd(transport, group);
      await startRecordingConsumer(group, { database, transport, metrics }, cleanups);
      const event = taskEvent(crypto.randomUUID());
      await transport.publish(Array.from({ length: 100 }, () => asMessage(event)));
      await eventually(
        async () => metrics.duplicates.get({ consumer: group, topic: "task-events" }) === 99,
        "99 duplicates skipped",
        60_000,
      );
      expect(await effectCounts(database.db)).toEqual({ rows: 1, distinct: 1 });
    });

    test("10,000 events, each delivered two or three times and shuffled across partitions, give one effect each", async () => {
      const { database, transport, metrics, group } = await setup();
      await skipToEnd(transport, group);
      const events = Array.from({ length: 10_000 }, () => taskEvent(crypto.randomUUID()));
      const copies = events.flatMap((e, i) => Array.from({ length: 2 + (i % 2) }, () => asMessage(e)));
      for (let i = copies.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [copies[i], copies[j]] = [copies[j]!, copies[i]!];
      }
      for (let i = 0; i < copies.length; i += 2000) await transport.publish(copies.slice(i, i + 2000));
      await startRecordingConsumer(group, { database, transport, metrics }, cleanups);
      await eventually(
        async () =>
          metrics.consumed.get({ consumer: group, topic: "task-events" }) +
            metrics.duplicates.get({ consumer: group, topic: "task-events" }) >=
          copies.length,
        `${copies.length} deliveries`,
        240_000,
      );
      expect(await effectCounts(database.db)).toEqual({ rows: 10_000, distinct: 10_000 });
      expect(metrics.duplicates.get({ consumer: group, topic: "task-events" })).toBe(copies.length - 10_000);
    }, 300_000);

    test("a consumer killed with SIGKILL mid-batch and restarted loses nothing and doubles nothing", async () => {
      const { database, transport, metrics, group } = await setup();
      await skipToEnd(transport, group);
      const events = Array.from({ length: 1500 }, () => taskEvent(crypto.randomUUID()));
      await transport.publish(events.map(asMessage));
      const env = {
        DATABASE_URL: database.url!,
        KAFKA_BROKERS: brokers!,
        GROUP: group,
        SLOW_MS: "2",
        KAFKA_CLIENT: kafkaClient,
      };
      const first = spawnFixture("consumer-process.ts", env);
      await startedLine(first);
      await eventually(
        async () => (await effectCounts(database.db)).rows >= 300,
        "300 effects before the kill",
        60_000,
      );
      first.kill("SIGKILL");
      await first.exited;
      const atKill = (await effectCounts(database.db)).rows;
      expect(atKill).toBeLessThan(1500);
      const second = spawnFixture("consumer-process.ts", env);
      await startedLine(second);
      await eventually(
        async () => (await effectCounts(database.db)).distinct === 1500,
        "all 1500 events after the restart",
        120_000,
      );
      await Bun.sleep(500);
      expect(await effectCounts(database.db)).toEqual({ rows: 1500, distinct: 1500 });
      void metrics;
    }, 200_000);

    test("a relay killed between publishing and marking publishes the batch again, and the inbox absorbs it", async () => {
      const { database, transport, metrics, group } = await setup();
      await skipToEnd(transport, group);
      const events = Array.from({ length: 300 }, () => taskEvent(crypto.randomUUID()));
      await commitEvents(database.db, events);
      const doomed = spawnFixture("relay-process.ts", {
        DATABASE_URL: database.url!,
        KAFKA_BROKERS: brokers!,
        BATCH_SIZE: "100",
        KILL_AFTER_PUBLISH: "1",
        KAFKA_CLIENT: kafkaClient,
      });
      expect(await doomed.exited).not.toBe(0);
      const [left] = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::int as n from outbox where published_at is null`),
      );
      expect(left!.n).toBe(300); // the published batch was never marked
      await startRecordingConsumer(group, { database, transport, metrics }, cleanups);
      const relay = startRelay({ database, transport, clock: systemClock, metrics, pollMs: 50 });
      cleanups.push(() => relay.stop());
      await eventually(
        async () =>
          metrics.consumed.get({ consumer: group, topic: "task-events" }) === 300 &&
          metrics.duplicates.get({ consumer: group, topic: "task-events" }) === 100,
        "300 handled and the 100 re-published absorbed",
        60_000,
      );
      expect(await effectCounts(database.db)).toEqual({ rows: 300, distinct: 300 });
    }, 120_000);

    test("a malformed event lands in the DLQ with its error and the events behind it are handled", async () => {
      const { database, transport, metrics, group } = await setup();
      await skipToEnd(transport, group);
      const key = crypto.randomUUID();
      const dlqSeen: Message[] = [];
      const dlqGroup = `${group}-dlq`;
      await transport.ensureTopics(["task-events"]);
      const spy = await transport.subscribe({
        group: dlqGroup,
        topics: ["task-events.dlq"],
        onMessage: async (m) => void (m.key === key && dlqSeen.push(m)),
      });
      cleanups.push(() => spy.stop());
      await startRecordingConsumer(group, { database, transport, metrics }, cleanups);
      const good = taskEvent(key);
      await transport.publish([
        { topic: "task-events", key, value: '{"event_id": 1}', headers: { trace: "abc" } },
        asMessage(good),
      ]);
      await eventually(
        async () => dlqSeen.length === 1 && (await effectCounts(database.db)).rows === 1,
        "the dead letter and the good event",
        60_000,
      );
      expect(dlqSeen[0]!.headers).toMatchObject({
        trace: "abc",
        dlq_reason: "contract",
        dlq_consumer: group,
        dlq_source: expect.stringMatching(/^task-events\/\d+\/\d+$/),
      });
    }, 90_000);
  },
);

describe.skipIf(!hasServers).each(kafkaClients)("a Kafka broker that goes away, with %s", (client) => {
  beforeAll(() => void (kafkaClient = client));

  test("killed and restarted while a service publishes: the relay catches up by itself", async () => {
    const broker = await startKafka();
    cleanups.push(() => broker.stop());
    const { database, transport, metrics, group } = await setup(broker.brokers);
    await startRecordingConsumer(group, { database, transport, metrics }, cleanups);
    const relay = startRelay({ database, transport, clock: systemClock, metrics, pollMs: 50 });
    cleanups.push(() => relay.stop());
    const before = Array.from({ length: 50 }, () => taskEvent(crypto.randomUUID()));
    await commitEvents(database.db, before);
    await eventually(
      async () => (await effectCounts(database.db)).rows === 50,
      "50 effects before the outage",
      60_000,
    );
    expect(await transport.ready()).toBe(true);
    broker.kill();
    // /readyz must say so while the broker is away, and recover by itself after.
    await eventually(async () => !(await transport.ready()), "ready() false with the broker down", 30_000);
    const during = Array.from({ length: 50 }, () => taskEvent(crypto.randomUUID()));
    for (let i = 0; i < 50; i += 5) await commitEvents(database.db, during.slice(i, i + 5)); // commits keep working
    await Bun.sleep(1000);
    await broker.restart();
    await eventually(
      async () => (await effectCounts(database.db)).distinct === 100,
      "all 100 events after the broker returned",
      120_000,
    );
    expect(await effectCounts(database.db)).toEqual({ rows: 100, distinct: 100 });
    expect(await transport.ready()).toBe(true);
  }, 200_000);
});
