import type { WarnOnce } from "../../support/warn-at-most-every.ts";
import {
  batchHandlerOf,
  type Message,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from "../transport.ts";
import {
  answersWithin,
  COMMIT_INTERVAL_MS,
  GROUP_SESSION,
  KAFKAJS_RETRY,
  type KafkaTransportOptions,
  kafkaDefaults,
  kafkaWarnings,
  topicEnsurer,
} from "./kafka-shared.ts";
import {
  type Admin,
  CompressionTypes,
  type Consumer,
  type IHeaders,
  Kafka,
  logLevel,
  Partitioners,
  type Producer,
  type SASLOptions,
} from "./kafkajs.ts";

export type { KafkaTransportOptions } from "./kafka-shared.ts";

// kafkajs logs through its own logger: keep warnings and errors, one line each (its root logger has no namespace).
const logCreatorFor =
  (warnOnce: WarnOnce) =>
  () =>
  ({ namespace, level, log }: { namespace?: string; level: logLevel; log: { message: string } }) => {
    if (level <= logLevel.WARN) warnOnce(`kafka${namespace ? ` ${namespace}` : ""}: ${log.message}`);
  };

const headersOf = (headers: IHeaders | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? "")]),
  );

/**
 * Kafka through kafkajs: an idempotent producer with acks from all in-sync replicas and gzip
 * compression, one consumer group per service, and offsets committed only after a message's
 * handler resolved (that is, after its database transaction committed).
 * @example
 * const transport = createKafkaTransport({ brokers: ["127.0.0.1:9092"], clientId: "backend" });
 */
export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const defaults = kafkaDefaults(options);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl as SASLOptions | undefined,
    connectionTimeout: defaults.connectionTimeoutMs,
    logLevel: logLevel.WARN,
    logCreator: logCreatorFor(kafkaWarnings(options)),
    retry: KAFKAJS_RETRY,
  });
  const producer = new LazyProducer(kafka);
  const probe = new ReadinessProbe(kafka);
  const consumers = new Set<Consumer>();
  return {
    kind: "kafka",
    publish: (messages) => producer.publish(messages),
    subscribe: (subscription) => subscribeWith(kafka, defaults.concurrency, subscription, consumers),
    ensureTopics: topicEnsurer((wanted) => createMissing(kafka, wanted, defaults)),
    async ready() {
      // A connected producer stays "connected" after the broker died: ask a broker for metadata too.
      return (await producer.connects()) && answersWithin(() => probe.ask(), defaults.connectionTimeoutMs);
    },
    async close() {
      await Promise.all([...consumers].map((c) => c.disconnect()));
      await probe.close();
      await producer.close();
    },
  };
}

/** The producer, connected on first use and again after a failed connect. */
class LazyProducer {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    // Idempotence needs one request in flight per connection; it also keeps per-partition order.
    // The Java client's partitioner (murmur2, kafkajs' v2 default, named so kafkajs does not warn that
    // its default changed), as the platformatic adapter's: both put a key on the same partition.
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  private connect() {
    this.connected ??= this.producer.connect().catch((error) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  connects(): Promise<boolean> {
    return this.connect().then(
      () => true,
      () => false,
    );
  }

  async publish(messages: Message[]) {
    if (messages.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, Message[]>();
    for (const m of messages) (byTopic.get(m.topic) ?? byTopic.set(m.topic, []).get(m.topic)!).push(m);
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.GZIP,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async close() {
    if (this.connected) await this.producer.disconnect();
  }
}

/** One admin client for readiness probes, connected on first use and again after a failure. */
class ReadinessProbe {
  private admin: Promise<Admin> | undefined;

  constructor(private readonly kafka: Kafka) {}

  async ask() {
    this.admin ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      return admin;
    })();
    try {
      await (await this.admin).describeCluster();
    } catch (error) {
      const stale = this.admin;
      this.admin = undefined;
      void stale.then((admin) => admin.disconnect()).catch(() => {});
      throw error;
    }
  }

  async close() {
    await this.admin?.then((admin) => admin.disconnect()).catch(() => {});
  }
}

/** Creates those of the topics that do not exist yet, and waits for their leaders. */
async function createMissing(
  kafka: Kafka,
  wanted: string[],
  defaults: { partitions: number; replicationFactor: number },
) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: defaults.partitions,
          replicationFactor: defaults.replicationFactor,
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

async function subscribeWith(
  kafka: Kafka,
  concurrency: number,
  subscription: SubscribeOptions,
  consumers: Set<Consumer>,
): Promise<Subscription> {
  const consumer = kafka.consumer({
    groupId: subscription.group,
    allowAutoTopicCreation: false,
    ...GROUP_SESSION,
    retry: KAFKAJS_RETRY,
  });
  consumers.add(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: subscription.topics, fromBeginning: subscription.startAt !== "latest" });
  const handler = batchHandlerOf(subscription);
  await consumer.run({
    autoCommitInterval: COMMIT_INTERVAL_MS,
    partitionsConsumedConcurrently: concurrency,
    eachBatchAutoResolve: false,
    // Offsets are resolved only after the handler resolved; a throwing handler leaves the rest of
    // the batch unresolved, and kafkajs pauses, then fetches it again from there.
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      const { topic, partition } = batch;
      for (let i = 0; i < batch.messages.length && isRunning() && !isStale(); i += handler.size) {
        const chunk = batch.messages.slice(i, i + handler.size);
        await handler.handle(
          chunk.map((message) => ({
            topic,
            partition,
            key: message.key?.toString() ?? "",
            value: message.value?.toString() ?? "",
            headers: headersOf(message.headers),
            offset: message.offset,
          })),
        );
        resolveOffset(chunk.at(-1)!.offset);
        await heartbeat();
      }
    },
  });
  return {
    async stop() {
      consumers.delete(consumer);
      await consumer.disconnect();
    },
  };
}
