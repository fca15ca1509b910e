import {
  Admin,
  type BaseOptions,
  compatibilityPartitioner,
  ProduceAcks,
  Producer,
  SASLMechanisms,
  stringSerializers,
} from "@platformatic/kafka";
import type { Message, SubscribeOptions, Subscription, Transport } from "../transport.ts";
import {
  answersWithin,
  backoff,
  type KafkaTransportOptions,
  kafkaDefaults,
  kafkaWarnings,
  RETRIES,
  topicEnsurer,
} from "./kafka-shared.ts";
import { subscribeGroup } from "./platformatic-consumer.ts";

const MECHANISMS = {
  plain: SASLMechanisms.PLAIN,
  "scram-sha-256": SASLMechanisms.SCRAM_SHA_256,
  "scram-sha-512": SASLMechanisms.SCRAM_SHA_512,
} as const;

/** The client options every producer, admin and consumer of one transport starts from. */
function baseOptions(options: KafkaTransportOptions): BaseOptions {
  return {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    connectTimeout: kafkaDefaults(options).connectionTimeoutMs,
    retries: RETRIES,
    retryDelay: (_client, _operation, attempt) => backoff(attempt),
    ...(options.ssl ? { tls: {}, tlsServerName: true } : {}),
    ...(options.sasl
      ? {
          sasl: {
            mechanism: MECHANISMS[options.sasl.mechanism],
            username: options.sasl.username,
            password: options.sasl.password,
          },
        }
      : {}),
  };
}

/**
 * Kafka through @platformatic/kafka, with the semantics of the kafkajs adapter: an idempotent
 * producer (acks from all in-sync replicas, gzip), the Java client's partitioner (murmur2, as
 * kafkajs' default, so both adapters put a key on the same partition), one consumer group per
 * service, and offsets committed only after a message's handler resolved. A handler that throws
 * gets the same message again after a growing pause; the messages behind it in its partition wait.
 * @example
 * const transport = createPlatformaticKafkaTransport({ brokers: ["127.0.0.1:9092"], clientId: "backend" });
 */
export function createPlatformaticKafkaTransport(options: KafkaTransportOptions): Transport {
  const warnOnce = kafkaWarnings(options);
  const defaults = kafkaDefaults(options);
  const base = baseOptions(options);
  // The library keeps idempotence's one request in flight per connection, which also keeps per-partition order.
  const producer = new Producer({
    ...base,
    serializers: stringSerializers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    compression: "gzip",
    partitioner: compatibilityPartitioner,
    autocreateTopics: false,
  });
  const subscriptions = new Set<Subscription>();
  return {
    kind: "kafka",
    async publish(messages: Message[]) {
      if (messages.length === 0) return;
      await producer.send({
        messages: messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value, headers: m.headers })),
      });
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      const consumer = await subscribeGroup(base, defaults.concurrency, subscription, warnOnce);
      const handle = {
        async stop() {
          subscriptions.delete(handle);
          await consumer.stop();
        },
      };
      subscriptions.add(handle);
      return handle;
    },
    ensureTopics: topicEnsurer((wanted) => createMissing(base, wanted, defaults)),
    ready: () =>
      answersWithin(() => producer.metadata({ topics: [], forceUpdate: true }), defaults.connectionTimeoutMs),
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      await producer.close();
    },
  };
}

/** Creates those of the topics that do not exist yet (another service may be creating them too), and waits for their leaders. */
async function createMissing(
  base: BaseOptions,
  wanted: string[],
  defaults: { partitions: number; replicationFactor: number },
) {
  const admin = new Admin(base);
  try {
    const existing = new Set(await admin.listTopics());
    const toCreate = wanted.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      await admin
        .createTopics({
          topics: toCreate,
          partitions: defaults.partitions,
          replicas: defaults.replicationFactor,
        })
        .catch(async (error) => {
          // Another service may have created them a moment ago.
          const now = new Set(await admin.listTopics());
          if (!toCreate.every((t) => now.has(t))) throw error;
        });
    }
    await waitForLeaders(admin, wanted);
  } finally {
    await admin.close();
  }
}

// A just-created topic has no leader for a moment; producing or fetching then fails.
async function waitForLeaders(admin: Admin, topics: string[]) {
  for (let attempt = 0; ; attempt++) {
    const metadata = await admin.metadata({ topics, forceUpdate: true });
    const ready = topics.every((t) => {
      const topic = metadata.topics.get(t);
      return topic?.partitions.every((p) => p.leader >= 0);
    });
    if (ready) return;
    if (attempt > 50)
      throw new Error(`kafka: topics ${topics.join(", ")} have no leader after ${attempt} attempts`);
    await Bun.sleep(100);
  }
}
