export { appendEvents, InvalidEventError, OUTBOX_CHANNEL, writeWithEvents } from "./outbox-writer.ts";
export { inbox, outbox } from "./db/tables.ts";
export { startRelay, type Relay, type RelayOptions } from "./relay/outbox-relay.ts";
export type { Retention } from "./relay/prune-messages.ts";
export {
  startConsumer,
  type BatchEventHandler,
  type BatchEventHandlers,
  type ConsumerOptions,
  type EventHandler,
  type EventFilters,
  type EventHandlers,
  type Outcome,
} from "./inbox/consume-events.ts";
export { Metrics, messagingMetrics, type MessagingMetrics } from "./metrics/metrics.ts";
export { tableSizes, watchTableSizes, type TableSize } from "./metrics/table-sizes.ts";
export {
  dlqTopic,
  partitionFor,
  type Delivered,
  type Message,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from "./transports/transport.ts";
export { createMemoryTransport, type MemoryTransportOptions } from "./transports/memory/memory-transport.ts";
export type { KafkaTransportOptions } from "./transports/kafka/kafka-transport.ts";
export {
  createTransport,
  TransportConfigSchema,
  type TransportConfig,
} from "./transports/transport-config.ts";
export { createDaprTransport, type DaprTransportOptions } from "./transports/dapr/dapr-transport.ts";
export { fixedClock, offsetClock, systemClock, type Clock } from "./support/clock.ts";
export {
  createLogger,
  errorText,
  redact,
  REDACTED,
  serializeError,
  type LogFields,
  type Logger,
  type LogLevel,
} from "./support/logger.ts";
export { warnAtMostEvery, type WarnOnce } from "./support/warn-at-most-every.ts";
export { startWakeableLoop, type WakeableLoop, type WakeableLoopOptions } from "./support/wakeable-loop.ts";
export { yieldToEventLoop } from "./support/yield-to-event-loop.ts";
