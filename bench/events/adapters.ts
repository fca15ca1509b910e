// The two Kafka adapters under comparison, and each library's bare producer with the adapter's settings.
import { compatibilityPartitioner, ProduceAcks, Producer, stringSerializers } from "@platformatic/kafka";
import {
  CompressionTypes,
  Kafka,
  logLevel,
  Partitioners,
} from "../../messaging/src/transports/kafka/kafkajs.ts";
import { createKafkaTransport } from "../../messaging/src/transports/kafka/kafka-transport.ts";
import { createPlatformaticKafkaTransport } from "../../messaging/src/transports/kafka/platformatic-transport.ts";
import type { Message, Transport } from "../../messaging/src/transports/transport.ts";

export const ADAPTERS = ["kafkajs", "platformatic"] as const;
export type Adapter = (typeof ADAPTERS)[number];

/** `concurrency`: partitions a consumer works on at once; undefined keeps the adapter's default (3). */
export function createAdapter(
  adapter: Adapter,
  brokers: string,
  clientId: string,
  concurrency?: number,
): Transport {
  const options = { brokers: [brokers], clientId, concurrency };
  return adapter === "kafkajs" ? createKafkaTransport(options) : createPlatformaticKafkaTransport(options);
}

export interface BareProducer {
  send(messages: Message[]): Promise<void>;
  close(): Promise<void>;
}

/** The library itself, configured as its adapter configures it: idempotent, acks from all replicas, gzip. */
export async function createBareProducer(adapter: Adapter, brokers: string): Promise<BareProducer> {
  if (adapter === "kafkajs") {
    const producer = new Kafka({
      clientId: "bench-bare",
      brokers: [brokers],
      logLevel: logLevel.WARN,
    }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    return {
      send: async (messages) =>
        void (await producer.sendBatch({
          acks: -1,
          compression: CompressionTypes.GZIP,
          topicMessages: [{ topic: messages[0]!.topic, messages }],
        })),
      close: () => producer.disconnect(),
    };
  }
  const producer = new Producer({
    clientId: "bench-bare",
    bootstrapBrokers: [brokers],
    serializers: stringSerializers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    compression: "gzip",
    partitioner: compatibilityPartitioner,
  });
  return {
    send: async (messages) => void (await producer.send({ messages })),
    close: () => producer.close(),
  };
}
