import {
  CompressionTypes,
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type IHeaders,
  type KafkaConfig,
  type Producer,
  type SASLOptions,
} from "./kafkajs.ts";
import { createLogger, type Logger } from "../../support/logger.ts";
import { warnAtMostEvery, type WarnOnce } from "../../support/warn-at-most-every.ts";
import {
  batchHandlerOf,
  dlqTopic,
  type Message,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from "../transport.ts";

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this transport creates; one task's events always share one. */
  partitions?: number;
  replicationFactor?: number;
  ssl?: boolean;
  /** For managed Kafka: Azure Event Hubs (plain, user `$ConnectionString`), Confluent Cloud (plain). */
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
  connectionTimeoutMs?: number;
  /** Partitions a consumer works on at once; order within each partition is always kept. */
  concurrency?: number;
  /** Where the client's warnings go; the service's logger. */
  logger?: Logger;
}

// kafkajs logs through its own logger: keep warnings and errors, one line each, and say a
// repeated line (a broker that is down for a while) once per 10 s rather than every retry.
const logCreatorFor =
  (warnOnce: WarnOnce) =>
  () =>
  ({ namespace, level, log }: { namespace: string; level: logLevel; log: { message: string } }) => {
    if (level <= logLevel.WARN) warnOnce(`kafka ${namespace}: ${log.message}`);
  };

const headersOf = (headers: IHeaders | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? "")]),
  );

/**
 * Kafka through kafkajs: an idempotent producer with acks from all in-sync replicas and gzip
 * compression, one consumer group per service, and offsets committed only after a message's
 * handler resolved (that is, after its database transaction committed).
 */
export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const logCreator = logCreatorFor(
    warnAtMostEvery(options.logger ?? createLogger({ service: options.clientId }), 10_000),
  );
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl as SASLOptions | undefined,
    connectionTimeout: options.connectionTimeoutMs ?? 5000,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
  };
  const kafka = new Kafka(config);
  // Idempotence needs one request in flight per connection; it also keeps per-partition order.
  // The Java client's partitioner (murmur2, kafkajs' v2 default, named so kafkajs does not warn that
  // its default changed), as the platformatic adapter's: both put a key on the same partition.
  const producer: Producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  let connected: Promise<void> | undefined;
  const consumers = new Set<Consumer>();
  const known = new Set<string>();

  const connect = () =>
    (connected ??= producer.connect().catch((error) => {
      connected = undefined;
      throw error;
    }));

  // One admin client for readiness probes, connected on first use and again after a failure.
  let probeAdmin: Promise<Admin> | undefined;
  async function probe() {
    probeAdmin ??= (async () => {
      const admin = kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      return admin;
    })();
    try {
      await (await probeAdmin).describeCluster();
    } catch (error) {
      const stale = probeAdmin;
      probeAdmin = undefined;
      void stale.then((admin) => admin.disconnect()).catch(() => {});
      throw error;
    }
  }

  async function ensureTopics(topics: string[]) {
    const wanted = [...new Set(topics.flatMap((t) => [t, dlqTopic(t)]))].filter((t) => !known.has(t));
    if (wanted.length === 0) return;
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
            numPartitions: options.partitions ?? 6,
            replicationFactor: options.replicationFactor ?? 1,
          })),
        });
      }
      wanted.forEach((t) => known.add(t));
    } finally {
      await admin.disconnect();
    }
  }

  return {
    kind: "kafka",
    async publish(messages: Message[]) {
      if (messages.length === 0) return;
      await connect();
      const byTopic = new Map<string, Message[]>();
      for (const m of messages) (byTopic.get(m.topic) ?? byTopic.set(m.topic, []).get(m.topic)!).push(m);
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.GZIP,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      const consumer = kafka.consumer({
        groupId: subscription.group,
        allowAutoTopicCreation: false,
        sessionTimeout: 10_000,
        heartbeatInterval: 1000,
        retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
      });
      consumers.add(consumer);
      await consumer.connect();
      await consumer.subscribe({
        topics: subscription.topics,
        fromBeginning: subscription.startAt !== "latest",
      });
      const handler = batchHandlerOf(subscription);
      await consumer.run({
        autoCommitInterval: 500,
        partitionsConsumedConcurrently: options.concurrency ?? 3,
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
    },
    ensureTopics,
    async ready() {
      try {
        await connect();
      } catch {
        return false;
      }
      // A connected producer stays "connected" after the broker died: ask a broker for metadata,
      // with a short bound, since kafkajs' own retries would take ~20 s to give up.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<false>(
        (resolve) => (timer = setTimeout(resolve, options.connectionTimeoutMs ?? 5000, false)),
      );
      const answered = probe().then(
        () => true,
        () => false,
      );
      const ok = await Promise.race([answered, timeout]);
      clearTimeout(timer);
      return ok;
    },
    async close() {
      await Promise.all([...consumers].map((c) => c.disconnect()));
      await probeAdmin?.then((admin) => admin.disconnect()).catch(() => {});
      if (connected) await producer.disconnect();
    },
  };
}
