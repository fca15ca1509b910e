// What the two Kafka adapters (kafkajs, @platformatic/kafka) share, so they behave alike: their options and
// defaults, the retry schedule, group session timing, which topics to create, and the bounded readiness probe.
import { createLogger, type Logger } from "../../support/logger.ts";
import { type WarnOnce, warnAtMostEvery } from "../../support/warn-at-most-every.ts";
import { dlqTopic } from "../transport.ts";

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

/** The options with their defaults filled in. */
export function kafkaDefaults(options: KafkaTransportOptions) {
  return {
    partitions: options.partitions ?? 6,
    replicationFactor: options.replicationFactor ?? 1,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 5000,
    concurrency: options.concurrency ?? 3,
  };
}

// A broker that is away is retried 8 times, 200 ms doubling up to 5 s apart (~20 s in all); then the
// caller's own retry takes over (the relay's loop, a consumer that is replaced).
export const RETRIES = 8;
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5000;
/** The pause before the `attempt`th retry (from 1): 200 ms, doubling, at most 5 s. */
export const backoff = (attempt: number) =>
  Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
/** The same schedule in kafkajs' terms. */
export const KAFKAJS_RETRY = {
  retries: RETRIES,
  initialRetryTime: FIRST_RETRY_MS,
  maxRetryTime: MAX_RETRY_MS,
};

/**
 * A consumer group member is given up 10 s after its last heartbeat, sent every 3 s (the Java
 * client's interval; each heartbeat is a group request, and every service holds a member).
 */
export const GROUP_SESSION = { sessionTimeout: 10_000, heartbeatInterval: 3000 };
/** Handled offsets are committed together every half second. */
export const COMMIT_INTERVAL_MS = 500;

/** The client's warnings, a repeated line (a broker that is down for a while) once per 10 s rather than every retry. */
export const kafkaWarnings = (options: KafkaTransportOptions): WarnOnce =>
  warnAtMostEvery(options.logger ?? createLogger({ service: options.clientId }), 10_000);

// The library wraps retried failures ("fetch failed 9 times"); the last cause is the useful part.
export const describeError = (error: Error) => {
  const last = (error as Partial<AggregateError>).errors?.at(-1) as Error | undefined;
  return last ? `${error.message} (last: ${last.message})` : error.message;
};

/**
 * The topics and their `.dlq` topics that `known` does not hold yet, each once.
 * @example
 * topicsToEnsure(["reminders", "reminders"], new Set()); // ["reminders", "reminders.dlq"]
 */
export function topicsToEnsure(topics: string[], known: ReadonlySet<string>): string[] {
  return [...new Set(topics.flatMap((t) => [t, dlqTopic(t)]))].filter((t) => !known.has(t));
}

/**
 * The transport's `ensureTopics`: `create` gets the topics (and their `.dlq` topics) not ensured
 * before, and they count as ensured once it resolved.
 * @example
 * const ensureTopics = topicEnsurer((wanted) => createMissing(admin, wanted));
 */
export function topicEnsurer(
  create: (wanted: string[]) => Promise<void>,
): (topics: string[]) => Promise<void> {
  const known = new Set<string>();
  return async (topics) => {
    const wanted = topicsToEnsure(topics, known);
    if (wanted.length === 0) return;
    await create(wanted);
    for (const t of wanted) known.add(t);
  };
}

/**
 * Whether `probe` succeeds within `ms`: a short answer for /readyz, where the client's own retries
 * would take ~20 s to give up. The probe is left to finish on its own.
 * @example
 * const ok = await answersWithin(() => producer.metadata({ topics: [] }), 5000);
 */
export async function answersWithin(probe: () => Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  const answered = probe().then(
    () => true,
    () => false,
  );
  const ok = await Promise.race([answered, timeout]);
  clearTimeout(timer);
  return ok;
}
