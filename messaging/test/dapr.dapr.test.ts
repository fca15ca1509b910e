// The dapr transport against real daprd 1.18 sidecars on a real Kafka broker and PostgreSQL:
// relay → daprd → Kafka → daprd → app → consumer. Run with `npm test -- --tier dapr`.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { Kafka, logLevel } from "../src/transports/kafka/kafkajs.ts";
import postgres from "postgres";
import { rowsOf } from "../src/db/database.ts";
import { Metrics, messagingMetrics } from "../src/metrics/metrics.ts";
import { startRelay } from "../src/relay/outbox-relay.ts";
import { systemClock } from "../src/support/clock.ts";
import type { Delivered, Message } from "../src/transports/transport.ts";
import { startKafka, type KafkaBroker } from "../../scripts/infra/kafka.ts";
import { freshDatabase } from "../../scripts/testing/fresh-database.ts";
import { startDaprApp } from "./fixtures/dapr-app.ts";
import {
  commitEvents,
  effectCounts,
  eventually,
  startRecordingConsumer,
  taskEvent,
  TEST_MIGRATIONS,
} from "./harness.ts";

const TOPICS = ["task-events", "task-events.dlq"];
let brokers = process.env.TEST_KAFKA_BROKERS ?? "";
let ownBroker: KafkaBroker | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

/** A fresh database, and a service with its own sidecar and consumer group, not yet listening. */
async function setup() {
  const database = await freshDatabase("postgres", TEST_MIGRATIONS);
  cleanups.push(() => database.drop());
  const group = `dapr-${crypto.randomUUID().slice(0, 8)}`;
  const app = await startDaprApp({ brokers, group, topics: TOPICS });
  cleanups.push(() => app.stop());
  return { database, app, group, metrics: messagingMetrics(new Metrics()) };
}

const asMessage = (event: ReturnType<typeof taskEvent>): Message => ({
  topic: "task-events",
  key: event.task_id,
  value: JSON.stringify(event),
  headers: {},
});

/** Takes a database away the way an outage does: no new connections, the open ones cut. */
async function setDatabaseUp(url: string, up: boolean) {
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`alter database ${name} allow_connections ${up}`);
    if (!up)
      await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
      );
  } finally {
    await admin.end();
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("outbox and inbox through real Dapr sidecars", () => {
  // The broker `npm test` started, or one of our own; every process is stopped after each test,
  // failed or not (bun also kills children a timed-out test left behind).
  beforeAll(async () => {
    if (brokers) return;
    ownBroker = await startKafka();
    brokers = ownBroker.brokers;
  }, 120_000);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse())
      await cleanup().catch((e) => console.warn("cleanup:", e));
  });
  afterAll(async () => {
    await ownBroker?.stop();
  });

  test("committed events travel relay → Dapr → Kafka → Dapr → consumer once each, in order per task", async () => {
    const { database, app, group, metrics } = await setup();
    await startRecordingConsumer(group, { database, transport: app.transport, metrics }, cleanups);
    await app.listen();
    const relay = startRelay({ database, transport: app.transport, clock: systemClock, metrics, pollMs: 50 });
    cleanups.push(() => relay.stop());
    const tasks = Array.from({ length: 20 }, () => crypto.randomUUID());
    const events = Array.from({ length: 200 }, (_, i) => taskEvent(tasks[i % 20]!));
    for (let i = 0; i < events.length; i += 10) await commitEvents(database.db, events.slice(i, i + 10));
    await eventually(async () => (await effectCounts(database.db)).rows >= 200, "200 effects", 60_000);
    await Bun.sleep(300); // a redelivered event would show up as a 201st row
    expect(await effectCounts(database.db)).toEqual({ rows: 200, distinct: 200 });
    const rows = rowsOf<{ task_id: string; event_id: string }>(
      await database.db.execute(sql`select task_id, event_id from effects order by id`),
    );
    for (const task of tasks) {
      expect(rows.filter((r) => r.task_id === task).map((r) => r.event_id)).toEqual(
        events.filter((e) => e.task_id === task).map((e) => e.event_id),
      );
    }
  }, 120_000);

  test("the same event published 50 times through the sidecar produces exactly one side effect", async () => {
    const { database, app, group, metrics } = await setup();
    await startRecordingConsumer(group, { database, transport: app.transport, metrics }, cleanups);
    await app.listen();
    const event = taskEvent(crypto.randomUUID());
    await app.transport.publish(Array.from({ length: 50 }, () => asMessage(event)));
    await eventually(
      async () => metrics.duplicates.get({ consumer: group, topic: "task-events" }) === 49,
      "49 duplicates skipped",
      60_000,
    );
    expect(await effectCounts(database.db)).toEqual({ rows: 1, distinct: 1 });
    expect(metrics.consumed.get({ consumer: group, topic: "task-events" })).toBe(1);
  }, 120_000);

  test("malformed events land in task-events.dlq with their reason, unchanged, and the event behind them is handled", async () => {
    const { database, app, group, metrics } = await setup();
    const key = crypto.randomUUID();
    const dead: Delivered[] = [];
    const spy = await app.transport.subscribe({
      group,
      topics: ["task-events.dlq"],
      onMessage: async (m) => void (m.key === key && dead.push(m)),
    });
    cleanups.push(() => spy.stop());
    await startRecordingConsumer(group, { database, transport: app.transport, metrics }, cleanups);
    await app.listen();
    const good = taskEvent(key);
    await app.transport.publish([
      { topic: "task-events", key, value: "not json {", headers: { trace: "abc" } },
      { topic: "task-events", key, value: '{"event_id": 1}', headers: { trace: "def" } },
      asMessage(good),
    ]);
    await eventually(
      async () => dead.length === 2 && (await effectCounts(database.db)).rows === 1,
      "two dead letters and the good event",
      60_000,
    );
    expect(dead.map((m) => m.value)).toEqual(["not json {", '{"event_id": 1}']);
    expect(dead[0]!.headers).toMatchObject({
      trace: "abc",
      dlq_reason: "invalid_json",
      dlq_consumer: group,
      dlq_source: expect.stringMatching(/^task-events\/\d+\/\d+$/),
    });
    expect(dead[1]!.headers).toMatchObject({
      trace: "def",
      dlq_reason: "contract",
      dlq_error: expect.stringContaining("/task_id: Expected required property"),
    });
    const [row] = rowsOf<{ event_id: string }>(await database.db.execute(sql`select event_id from effects`));
    expect(row!.event_id).toBe(good.event_id);
  }, 120_000);

  test("while the consumer's database is down deliveries are answered RETRY, and Dapr delivers the event again until it is handled", async () => {
    const { database, app, group, metrics } = await setup();
    await startRecordingConsumer(group, { database, transport: app.transport, metrics }, cleanups);
    await app.listen();
    await setDatabaseUp(database.url!, false);
    cleanups.push(() => setDatabaseUp(database.url!, true)); // also when the test fails midway
    const event = taskEvent(crypto.randomUUID());
    await app.transport.publish([asMessage(event)]);
    await eventually(
      async () => app.answers.filter((a) => a.status === "RETRY").length >= 2,
      "two RETRY answers",
      60_000,
    );
    await setDatabaseUp(database.url!, true);
    await eventually(
      async () => metrics.consumed.get({ consumer: group, topic: "task-events" }) === 1,
      "the event handled after the outage",
      60_000,
    );
    expect(await effectCounts(database.db)).toEqual({ rows: 1, distinct: 1 });
    expect(app.answers.at(-1)).toEqual({ topic: "task-events", status: "SUCCESS" });
    expect(app.answers.every((a) => a.status !== "DROP")).toBe(true);
  }, 120_000);

  test("key, value and headers (newlines, Unicode, percent signs) arrive as published, and Kafka holds the bare event", async () => {
    const { app, group } = await setup();
    const got: Delivered[] = [];
    const subscription = await app.transport.subscribe({
      group,
      topics: ["task-events"],
      onMessage: async (m) => void got.push(m),
    });
    cleanups.push(() => subscription.stop());
    await app.listen();
    const event = taskEvent(crypto.randomUUID(), {
      payload: { ...taskEvent("x").payload, title: 'Grüße <b>&</b> ✓ "quoted"' },
    });
    const sent: Message = {
      topic: "task-events",
      key: event.task_id,
      value: JSON.stringify(event, null, 1), // spacing and key order show the bytes are untouched
      headers: {
        event_id: event.event_id,
        committed_at: "2026-01-01T00:00:00.000Z",
        note: "line one\nline two\r\tend ✓ 50% + a&b=c",
      },
    };
    await app.transport.publish([sent]);
    await eventually(async () => got.length === 1, "the delivery", 30_000);
    const delivered = got[0]!;
    expect({
      topic: delivered.topic,
      key: delivered.key,
      value: delivered.value,
      headers: delivered.headers,
    }).toEqual(sent);
    expect(delivered.partition).toBeGreaterThanOrEqual(0);

    // The record itself, read with kafkajs: the event bytes and the headers, no envelope.
    const kafka = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING }).consumer({
      groupId: `${group}-raw`,
      maxWaitTimeInMs: 100,
    });
    cleanups.push(() => kafka.disconnect());
    await kafka.connect();
    await kafka.subscribe({ topics: ["task-events"] });
    const records: { key: string; value: string; headers: Record<string, string> }[] = [];
    await kafka.run({
      eachMessage: async ({ partition, message }) => {
        if (partition !== delivered.partition || message.offset !== delivered.offset) return;
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        records.push({ key: message.key?.toString() ?? "", value: message.value?.toString() ?? "", headers });
      },
    });
    kafka.seek({ topic: "task-events", partition: delivered.partition, offset: delivered.offset });
    await eventually(async () => records.length === 1, "the Kafka record", 30_000);
    expect(records[0]).toEqual({ key: sent.key, value: sent.value, headers: sent.headers });
  }, 120_000);

  test("an event another Dapr app published as a CloudEvent is unwrapped and handled", async () => {
    const { database, app, group, metrics } = await setup();
    await startRecordingConsumer(group, { database, transport: app.transport, metrics }, cleanups);
    await app.listen();
    const event = taskEvent(crypto.randomUUID());
    // Dapr's default publish: no rawPayload, so daprd wraps the event in a CloudEvent envelope.
    const response = await fetch(
      `${app.daprHttpUrl}/v1.0/publish/pubsub-kafka/task-events?metadata.partitionKey=${event.task_id}`,
      {
        method: "POST",
        body: JSON.stringify(event),
        headers: { "content-type": "application/json" },
      },
    );
    expect(response.status).toBe(204);
    await eventually(
      async () => metrics.consumed.get({ consumer: group, topic: "task-events" }) === 1,
      "the event handled",
      30_000,
    );
    const [row] = rowsOf<{ event_id: string }>(await database.db.execute(sql`select event_id from effects`));
    expect(row!.event_id).toBe(event.event_id);
  }, 120_000);

  test("a closed transport is not ready, refuses to publish, and answers deliveries with RETRY so Dapr keeps them", async () => {
    const { app, group } = await setup();
    const got: Delivered[] = [];
    const subscription = await app.transport.subscribe({
      group,
      topics: ["task-events"],
      onMessage: async (m) => void got.push(m),
    });
    cleanups.push(() => subscription.stop());
    await app.listen();
    expect(await app.transport.ready()).toBe(true);
    await app.transport.close();
    expect(await app.transport.ready()).toBe(false);
    const event = taskEvent(crypto.randomUUID());
    await expect(app.transport.publish([asMessage(event)])).rejects.toThrow("closed");
    const response = await fetch(
      `${app.daprHttpUrl}/v1.0/publish/pubsub-kafka/task-events?metadata.rawPayload=true&metadata.partitionKey=${event.task_id}`,
      { method: "POST", body: JSON.stringify(event) },
    );
    expect(response.status).toBe(204);
    await eventually(
      async () => app.answers.filter((a) => a.status === "RETRY").length >= 2,
      "Dapr delivering again after RETRY",
      30_000,
    );
    expect(got).toEqual([]);
  }, 60_000);
});
