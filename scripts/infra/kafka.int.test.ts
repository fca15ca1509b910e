// Integration test of the local Kafka broker with both Kafka clients the services may use, under Bun.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Admin,
  Consumer,
  ProduceAcks,
  Producer,
  stringDeserializers,
  stringSerializers,
} from "@platformatic/kafka";
import {
  CompressionTypes,
  Kafka,
  logLevel,
  Partitioners,
} from "../../messaging/src/transports/kafka/kafkajs.ts";
import { startKafka, type KafkaBroker } from "./kafka.ts";

const N = 30;
let broker: KafkaBroker;

beforeAll(async () => {
  broker = await startKafka();
}, 120_000); // includes the one-time jar download

afterAll(async () => {
  await broker?.stop();
});

function messages(prefix: string) {
  return Array.from({ length: N }, (_, i) => ({ key: `${prefix}-key-${i}`, value: `${prefix}-value-${i}` }));
}

function kafkajs() {
  return new Kafka({ clientId: "kafka-int-test", brokers: [broker.brokers], logLevel: logLevel.WARN });
}

/** Reads a whole topic with a fresh kafkajs consumer group; resolves once `count` messages arrived. */
async function consumeWithKafkajs(topic: string, count: number) {
  const consumer = kafkajs().consumer({ groupId: `${topic}-${crypto.randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const got: { key: string; value: string; partition: number }[] = [];
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          got.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
          if (got.length >= count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return got;
}

/**
 * What the broker actually stored: the record-batch headers of partition 0's log segment
 * (Kafka's v2 on-disk format), so the test sees the producer id and codec, not just what the client claims.
 */
function storedBatches(topic: string): { producerId: bigint; codec: number }[] {
  const dir = join(broker.dataDir, "data", `${topic}-0`);
  const log = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".log"))!));
  const batches = [];
  for (let pos = 0; pos + 61 <= log.length; pos += 12 + log.readInt32BE(pos + 8)) {
    // attributes (low 3 bits = codec) at +21, producerId at +43
    batches.push({ producerId: log.readBigInt64BE(pos + 43), codec: log.readInt16BE(pos + 21) & 7 });
  }
  return batches;
}
const GZIP = 1;

test("kafkajs: idempotent gzip producer, consumer group gets every message with its key", async () => {
  const topic = "kafkajs-test";
  const kafka = kafkajs();
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const sent = messages("kafkajs");
  await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: sent });
  await producer.disconnect();

  const got = await consumeWithKafkajs(topic, N);
  expect(new Map(got.map((m) => [m.key, m.value]))).toEqual(new Map(sent.map((m) => [m.key, m.value])));
  expect(new Set(got.map((m) => m.partition)).size).toBe(3);

  const batches = storedBatches(topic);
  expect(batches.length).toBeGreaterThan(0);
  // producerId -1 would mean the producer was not idempotent
  expect(batches.every((b) => b.producerId >= 0n && b.codec === GZIP)).toBe(true);
}, 30_000);

test("@platformatic/kafka: idempotent gzip producer, consumer group gets every message with its key", async () => {
  const topic = "platformatic-test";
  const bootstrapBrokers = [broker.brokers];
  const admin = new Admin({ clientId: "kafka-int-test", bootstrapBrokers });
  await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
  await admin.close();

  const producer = new Producer({
    clientId: "kafka-int-test",
    bootstrapBrokers,
    serializers: stringSerializers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    compression: "gzip",
  });
  const sent = messages("platformatic");
  await producer.send({ messages: sent.map((m) => ({ topic, ...m })) });
  await producer.close();

  const consumer = new Consumer({
    groupId: "platformatic-test-group",
    clientId: "kafka-int-test",
    bootstrapBrokers,
    deserializers: stringDeserializers,
    maxWaitTime: 500,
  });
  const stream = await consumer.consume({ topics: [topic], mode: "earliest" });
  const got = new Map<string, string>();
  const partitions = new Set<number>();
  for await (const message of stream) {
    got.set(message.key, message.value);
    partitions.add(message.partition);
    if (got.size === N) break;
  }
  await stream.close();
  await consumer.close();
  expect(got).toEqual(new Map(sent.map((m) => [m.key, m.value])));
  expect(partitions.size).toBe(3);

  const batches = storedBatches(topic);
  expect(batches.length).toBeGreaterThan(0);
  expect(batches.every((b) => b.producerId >= 0n && b.codec === GZIP)).toBe(true);
}, 30_000);

test("the same idempotent producer works across a graceful restart and a SIGKILL restart; data survives", async () => {
  const topic = "restart-test";
  const kafka = kafkajs();
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const send = (value: string) =>
    producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: [{ key: value, value }] });

  await send("before");
  const port = broker.port;
  await broker.restart();
  expect(broker.port).toBe(port);
  await send("after-restart");
  broker.kill();
  await broker.restart();
  await send("after-kill");
  await producer.disconnect();

  const got = await consumeWithKafkajs(topic, 3);
  expect(got.map((m) => m.value).sort()).toEqual(["after-kill", "after-restart", "before"]);
}, 60_000);

test("stop() leaves no JVM and no temp dir behind", async () => {
  const { dataDir } = broker;
  await broker.stop();
  const ps = Bun.spawnSync(["ps", "-eo", "args"]).stdout.toString();
  expect(ps).not.toContain(dataDir);
  expect(existsSync(dataDir)).toBe(false);
});
