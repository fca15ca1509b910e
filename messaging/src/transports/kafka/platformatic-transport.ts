import {
  Admin,
  compatibilityPartitioner,
  ProduceAcks,
  Producer,
  SASLMechanisms,
  stringSerializers,
  type BaseOptions,
} from "@platformatic/kafka";
import {
  dlqTopic,
  type Message,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from "../transport.ts";
import type { KafkaTransportOptions } from "./kafka-transport.ts";
import { backoff, subscribeGroup } from "./platformatic-consumer.ts";
import { createLogger } from "../../support/logger.ts";
import { warnAtMostEvery } from "../../support/warn-at-most-every.ts";

const MECHANISMS = {
  plain: SASLMechanisms.PLAIN,
  "scram-sha-256": SASLMechanisms.SCRAM_SHA_256,
  "scram-sha-512": SASLMechanisms.SCRAM_SHA_512,
} as const;

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
  const warnOnce = warnAtMostEvery(options.logger ?? createLogger({ service: options.clientId }), 10_000);
  const base: BaseOptions = {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    connectTimeout: options.connectionTimeoutMs ?? 5000,
    retries: 8,
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
  const known = new Set<string>();

  async function ensureTopics(topics: string[]) {
    const wanted = [...new Set(topics.flatMap((t) => [t, dlqTopic(t)]))].filter((t) => !known.has(t));
    if (wanted.length === 0) return;
    const admin = new Admin(base);
    try {
      const existing = new Set(await admin.listTopics());
      const toCreate = wanted.filter((t) => !existing.has(t));
      if (toCreate.length > 0) {
        await admin
          .createTopics({
            topics: toCreate,
            partitions: options.partitions ?? 6,
            replicas: options.replicationFactor ?? 1,
          })
          .catch(async (error) => {
            // Another service may have created them a moment ago.
            const now = new Set(await admin.listTopics());
            if (!toCreate.every((t) => now.has(t))) throw error;
          });
      }
      await waitForLeaders(admin, wanted);
      wanted.forEach((t) => known.add(t));
    } finally {
      await admin.close();
    }
  }

  return {
    kind: "kafka",
    async publish(messages: Message[]) {
      if (messages.length === 0) return;
      await producer.send({
        messages: messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value, headers: m.headers })),
      });
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      const consumer = await subscribeGroup(base, options.concurrency ?? 3, subscription, warnOnce);
      const handle = {
        async stop() {
          subscriptions.delete(handle);
          await consumer.stop();
        },
      };
      subscriptions.add(handle);
      return handle;
    },
    ensureTopics,
    async ready() {
      // A short answer for /readyz: the producer's own retries would take ~20 s to give up.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<false>(
        (resolve) => (timer = setTimeout(resolve, options.connectionTimeoutMs ?? 5000, false)),
      );
      const answered = producer.metadata({ topics: [], forceUpdate: true }).then(
        () => true,
        () => false,
      );
      const ok = await Promise.race([answered, timeout]);
      clearTimeout(timer);
      return ok;
    },
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      await producer.close();
    },
  };
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

// Without waiting to leave the group cleanly (the broker may be away); errors are beside the point here.
