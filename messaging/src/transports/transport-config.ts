import { Type, type Static } from "@sinclair/typebox";
import type { Logger } from "../support/logger.ts";
import type { Transport } from "./transport.ts";
import { createMemoryTransport } from "./memory/memory-transport.ts";
import { createDaprTransport } from "./dapr/dapr-transport.ts";

/** The event-transport settings every service reads; part of each service's config schema. */
export const TransportConfigSchema = Type.Object({
  EVENT_TRANSPORT: Type.Union([Type.Literal("memory"), Type.Literal("kafka"), Type.Literal("dapr")], {
    default: "memory",
    description:
      "memory: in-process (one machine, all services in one process); kafka: kafkajs; dapr: the Dapr sidecar's pub/sub",
  }),
  KAFKA_CLIENT: Type.Union([Type.Literal("platformatic"), Type.Literal("kafkajs")], {
    default: "platformatic",
    description:
      "the Kafka client library: @platformatic/kafka (maintained, faster producer and relay; bench/events) or kafkajs",
  }),
  KAFKA_BROKERS: Type.String({
    default: "127.0.0.1:9092",
    description: "comma-separated bootstrap servers (kafka)",
  }),
  KAFKA_SSL: Type.Boolean({ default: false, description: "TLS to the brokers (managed Kafka: true)" }),
  KAFKA_SASL_MECHANISM: Type.Optional(
    Type.Union([Type.Literal("plain"), Type.Literal("scram-sha-256"), Type.Literal("scram-sha-512")], {
      description: "SASL for managed Kafka (Event Hubs: plain)",
    }),
  ),
  KAFKA_SASL_USERNAME: Type.Optional(
    Type.String({ description: "SASL user (Event Hubs: $ConnectionString)" }),
  ),
  KAFKA_SASL_PASSWORD: Type.Optional(
    Type.String({ description: "SASL password; from a Kubernetes Secret, never a file in the repo" }),
  ),
  KAFKA_PARTITIONS: Type.Integer({
    default: 6,
    minimum: 1,
    description: "partitions of topics the services create",
  }),
  KAFKA_REPLICATION_FACTOR: Type.Integer({
    default: 1,
    minimum: 1,
    description: "replication of topics the services create (3 on a real cluster)",
  }),
  DAPR_HTTP_PORT: Type.Integer({ default: 3500, description: "the Dapr sidecar's HTTP port (dapr)" }),
  DAPR_PUBSUB_NAME: Type.String({
    default: "pubsub-kafka",
    description: "the Dapr pub/sub component (dapr)",
  }),
});
export type TransportConfig = Static<typeof TransportConfigSchema>;

/** Builds the transport the configuration names; `service` becomes the Kafka client id. */
export async function createTransport(
  config: TransportConfig,
  service: string,
  memoryDir?: string,
  logger?: Logger,
): Promise<Transport> {
  switch (config.EVENT_TRANSPORT) {
    case "memory":
      return createMemoryTransport({ dir: memoryDir });
    case "kafka": {
      if (config.KAFKA_SASL_MECHANISM && !(config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD)) {
        throw new Error("KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD");
      }
      // Loaded only when Kafka is configured: @platformatic/kafka alone holds ~57 MB resident
      // once imported, kafkajs ~15 MB, which the embedded default would otherwise carry unused.
      const create =
        config.KAFKA_CLIENT === "kafkajs"
          ? (await import("./kafka/kafka-transport.ts")).createKafkaTransport
          : (await import("./kafka/platformatic-transport.ts")).createPlatformaticKafkaTransport;
      return create({
        brokers: config.KAFKA_BROKERS.split(",")
          .map((b) => b.trim())
          .filter(Boolean),
        clientId: service,
        ssl: config.KAFKA_SSL,
        sasl: config.KAFKA_SASL_MECHANISM
          ? {
              mechanism: config.KAFKA_SASL_MECHANISM,
              username: config.KAFKA_SASL_USERNAME!,
              password: config.KAFKA_SASL_PASSWORD!,
            }
          : undefined,
        partitions: config.KAFKA_PARTITIONS,
        replicationFactor: config.KAFKA_REPLICATION_FACTOR,
        logger,
      });
    }
    case "dapr":
      return createDaprTransport({
        daprHttpUrl: `http://127.0.0.1:${config.DAPR_HTTP_PORT}`,
        pubsubName: config.DAPR_PUBSUB_NAME,
        logger,
      });
    default: {
      const never: never = config.EVENT_TRANSPORT;
      throw new Error(`unknown EVENT_TRANSPORT ${String(never)}`);
    }
  }
}
