/** A message as it travels: JSON text keyed by task id, with string headers. */
export interface Message {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface Delivered extends Message {
  partition: number;
  offset: string;
}

export interface SubscribeOptions {
  /** The consumer group: one per service, so each service sees every event once. */
  group: string;
  topics: string[];
  /**
   * Where a group with no committed offset begins: `earliest` (default: every service must see
   * every event) or `latest` (a live relay such as the site, which only forwards what happens now).
   */
  startAt?: "earliest" | "latest";
  /**
   * Handles one message. Resolving acknowledges it (the offset may then be committed);
   * throwing means "not handled": the transport delivers it again later, in order.
   */
  onMessage?(message: Delivered): Promise<void>;
  /**
   * Handles consecutive messages of one partition at once (a subscriber gives this or
   * `onMessage`). Resolving acknowledges them all; throwing acknowledges none, and the same
   * messages come again later. Lets a consumer commit a whole batch in one transaction.
   */
  onBatch?(messages: Delivered[]): Promise<void>;
}

/** Most messages handed to one `onBatch` call. */
export const MAX_BATCH = 200;

/**
 * The subscriber's handler as a batch handler, and how many messages a batch may hold: one for
 * an `onMessage` subscriber, so a failure never redelivers messages it already acknowledged.
 */
export function batchHandlerOf(subscription: SubscribeOptions): {
  size: number;
  handle(messages: Delivered[]): Promise<void>;
} {
  if (subscription.onBatch) return { size: MAX_BATCH, handle: subscription.onBatch };
  const onMessage = subscription.onMessage;
  if (!onMessage) throw new Error(`subscription ${subscription.group} has neither onMessage nor onBatch`);
  return { size: 1, handle: (messages) => onMessage(messages[0]!) };
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The one port every event goes through. Adapters: `memory` (in-process, for the embedded
 * default), `kafka` (kafkajs) and `dapr` (the sidecar's pub/sub over HTTP). All are at least once.
 */
export interface Transport {
  readonly kind: "memory" | "kafka" | "dapr";
  /** Resolves once every message is durably accepted; per-key order is kept. */
  publish(messages: Message[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Creates topics (and their `.dlq`) where the transport manages them. */
  ensureTopics(topics: string[]): Promise<void>;
  /** Answers the HTTP requests the transport needs from the app (Dapr's subscriptions). */
  handleHttp?(request: Request): Promise<Response | undefined>;
  /** True when the transport can publish now (for /readyz). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export const dlqTopic = (topic: string) => `${topic}.dlq`;

/** Stable partition for a key (FNV-1a), so one task's messages always share a partition. */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % partitions;
}
