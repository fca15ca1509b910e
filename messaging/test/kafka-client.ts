import { createKafkaTransport, type KafkaTransportOptions } from "../src/transports/kafka/kafka-transport.ts";
import { createPlatformaticKafkaTransport } from "../src/transports/kafka/platformatic-transport.ts";

export type KafkaClient = "kafkajs" | "platformatic";
export const kafkaClients: KafkaClient[] = ["platformatic", "kafkajs"];

/** The Kafka adapter for a client name; fixtures read it from KAFKA_CLIENT. */
export function kafkaTransport(client: KafkaClient, options: KafkaTransportOptions) {
  return client === "kafkajs" ? createKafkaTransport(options) : createPlatformaticKafkaTransport(options);
}
