// The outbox and inbox over a real Kafka broker through the @platformatic/kafka adapter.
import { afterEach, describe, expect, test } from "bun:test";
import { skipToEnd } from "../../scripts/infra/kafka/skip-to-end.ts";
import { Metrics, messagingMetrics } from "../src/metrics/metrics.ts";
import { createKafkaTransport } from "../src/transports/kafka/kafka-transport.ts";
import { createPlatformaticKafkaTransport } from "../src/transports/kafka/platformatic-transport.ts";
import type { Delivered, Message } from "../src/transports/transport.ts";
import { freshDatabase } from "../../scripts/testing/fresh-database.ts";
import { effectCounts, eventually, startRecordingConsumer, taskEvent, TEST_MIGRATIONS } from "./harness.ts";

const brokers = process.env.TEST_KAFKA_BROKERS;
const hasServers = Boolean(brokers && process.env.TEST_DATABASE_URL);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch((e) => console.warn("cleanup:", e));
});

function newTransport(broker = brokers!) {
  const transport = createPlatformaticKafkaTransport({ brokers: [broker], clientId: "test-platformatic" });
  cleanups.push(() => transport.close());
  return transport;
}

async function setup(broker = brokers!) {
  const database = await freshDatabase("postgres", TEST_MIGRATIONS);
  cleanups.push(() => database.drop());
  const transport = newTransport(broker);
  const metrics = messagingMetrics(new Metrics());
  const group = `g-${crypto.randomUUID().slice(0, 8)}`;
  // Only this test's events: `task-events` is shared, so the group starts at its current end.
  await newTransport(broker).ensureTopics(["task-events"]);
  await skipToEnd(broker, group, "task-events");
  return { database, transport, metrics, group };
}

const asMessage = (event: ReturnType<typeof taskEvent>): Message => ({
  topic: "task-events",
  key: event.task_id,
  value: JSON.stringify(event),
  headers: {},
});
const uniqueTopic = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}`;

// What only this adapter needs showing; the shared scenarios (order, duplicates, 10,000 shuffled
// events, SIGKILLed consumer and relay, DLQ, broker restart) run for both clients in kafka.int.test.ts.
describe.skipIf(!hasServers)("outbox and inbox over a real Kafka broker through @platformatic/kafka", () => {
  test("a message whose handler throws is delivered again, and the messages behind it wait their turn", async () => {
    const transport = newTransport();
    const topic = uniqueTopic("redelivery");
    await transport.ensureTopics([topic]);
    await transport.publish(
      ["0", "1", "2", "3", "4"].map((value) => ({ topic, key: "one-task", value, headers: {} })),
    );
    const seen: string[] = [];
    const handled: string[] = [];
    const sub = await transport.subscribe({
      group: uniqueTopic("g"),
      topics: [topic],
      onMessage: async ({ value }) => {
        seen.push(value);
        if (value === "1" && seen.filter((v) => v === "1").length < 3) throw new Error("database busy");
        handled.push(value);
      },
    });
    cleanups.push(() => sub.stop());
    await eventually(async () => handled.length === 5, "all five handled", 30_000);
    expect(seen).toEqual(["0", "1", "1", "1", "2", "3", "4"]);
    expect(handled).toEqual(["0", "1", "2", "3", "4"]);
  });

  test("offsets are committed only for handled messages: the next member of the group starts at the one that kept failing", async () => {
    const transport = newTransport();
    const topic = uniqueTopic("commit");
    const group = uniqueTopic("g");
    await transport.ensureTopics([topic]);
    await transport.publish(
      ["handled", "failing", "behind"].map((value) => ({ topic, key: "one-task", value, headers: {} })),
    );
    const first: string[] = [];
    const failing = await transport.subscribe({
      group,
      topics: [topic],
      onMessage: async ({ value }) => {
        first.push(value);
        if (value === "failing") throw new Error("not today");
      },
    });
    await eventually(
      async () => first.filter((v) => v === "failing").length >= 2,
      "two attempts at the failing message",
      30_000,
    );
    await failing.stop();
    expect(first).not.toContain("behind");
    const second: string[] = [];
    const next = await transport.subscribe({
      group,
      topics: [topic],
      onMessage: async ({ value }) => void second.push(value),
    });
    cleanups.push(() => next.stop());
    await eventually(async () => second.length >= 2, "the rest delivered to the next member", 30_000);
    expect(second).toEqual(["failing", "behind"]);
  });

  test("both Kafka adapters put a key on the same partition, so switching adapters keeps per-task order", async () => {
    const platformatic = newTransport();
    const kafkajs = createKafkaTransport({ brokers: [brokers!], clientId: "test-kafkajs" });
    cleanups.push(() => kafkajs.close());
    const topic = uniqueTopic("partitioning");
    await platformatic.ensureTopics([topic]);
    const keys = Array.from({ length: 60 }, () => crypto.randomUUID());
    await platformatic.publish(keys.map((key) => ({ topic, key, value: "platformatic", headers: {} })));
    await kafkajs.publish(keys.map((key) => ({ topic, key, value: "kafkajs", headers: {} })));
    const got: Delivered[] = [];
    const sub = await platformatic.subscribe({
      group: uniqueTopic("g"),
      topics: [topic],
      onMessage: async (m) => void got.push(m),
    });
    cleanups.push(() => sub.stop());
    await eventually(async () => got.length === 120, "120 messages", 30_000);
    const partitionsOf = (value: string) =>
      new Map(got.filter((m) => m.value === value).map((m) => [m.key, m.partition]));
    expect(partitionsOf("platformatic")).toEqual(partitionsOf("kafkajs"));
    expect(new Set(partitionsOf("platformatic").values()).size).toBe(6);
  });

  test("two members of one group share the partitions, and across the rebalance every event has one effect", async () => {
    const { database, transport, metrics, group } = await setup();
    await startRecordingConsumer(group, { database, transport, metrics }, cleanups);
    const events = Array.from({ length: 600 }, () => taskEvent(crypto.randomUUID()));
    await transport.publish(events.slice(0, 300).map(asMessage));
    await startRecordingConsumer(group, { database, transport: newTransport(), metrics }, cleanups);
    await transport.publish(events.slice(300).map(asMessage));
    await eventually(
      async () => (await effectCounts(database.db)).distinct === 600,
      "600 distinct effects",
      60_000,
    );
    expect(await effectCounts(database.db)).toEqual({ rows: 600, distinct: 600 });
  }, 90_000);
});
