import { isTopicName, validateEvent, type EventOf, type TopicName } from "@todo/schemas";
import type { Database, Db } from "../db/database.ts";
import { inbox } from "../db/tables.ts";
import { inBackground } from "../support/background.ts";
import { createLogger, errorText, type Logger } from "../support/logger.ts";
import type { MessagingMetrics } from "../metrics/metrics.ts";
import { dlqTopic, type Delivered, type Subscription, type Transport } from "../transports/transport.ts";

/** Handles one event inside the inbox transaction; writes (and outbox rows) commit with it. */
export type EventHandler<T extends TopicName> = (
  tx: Db,
  event: EventOf<T>,
  message: Delivered,
) => Promise<void>;
export type EventHandlers = { [T in TopicName]?: EventHandler<T> };
/**
 * Handles several new events of one topic at once, in their order, with the same effects as its
 * `EventHandler` called on each in turn, but in fewer statements: the throughput path.
 */
export type BatchEventHandler<T extends TopicName> = (
  tx: Db,
  events: EventOf<T>[],
  messages: Delivered[],
) => Promise<void>;
export type BatchEventHandlers = { [T in TopicName]?: BatchEventHandler<T> };
/** Says which events of a topic its handler would leave untouched. */
export type EventFilters = { [T in TopicName]?: (event: EventOf<T>) => boolean };

export interface ConsumerOptions {
  /** The consumer's name: its Kafka consumer group and its key in the inbox. */
  name: string;
  database: Database;
  transport: Transport;
  handlers: EventHandlers;
  /** Topics the service publishes to, created with the handlers' topics before subscribing. */
  publishes?: TopicName[];
  /** Optional faster handlers for whole batches; a failing batch falls back to `handlers`, one event at a time. */
  batchHandlers?: BatchEventHandlers;
  /**
   * Events whose handler would change nothing (a recurring service and a task without a rule):
   * acknowledged after their contract check, with no transaction and no inbox row.
   */
  ignores?: EventFilters;
  metrics: MessagingMetrics;
  /** Attempts before a failing event goes to the DLQ; the database being down never counts. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Where dead-lettered messages are reported; the service's logger. */
  logger?: Logger;
}

export type Outcome = "handled" | "duplicate" | "dead-lettered";

/**
 * Subscribes the handlers to their topics with exactly-once effects on top of at-least-once
 * delivery: each event is handled in one transaction that first records its `event_id` in the
 * inbox, so a redelivered or replayed event changes nothing. An event that breaks its contract,
 * or whose handler keeps failing, goes to `<topic>.dlq` with the error; the partition moves on.
 */
export async function startConsumer(
  options: ConsumerOptions,
): Promise<Subscription & { handle(message: Delivered): Promise<Outcome> }> {
  const topics = Object.keys(options.handlers) as TopicName[];
  await options.transport.ensureTopics([...new Set([...topics, ...(options.publishes ?? [])])]);
  const handle = (message: Delivered) => handleMessage(options, message);
  const subscription = await options.transport.subscribe({
    group: options.name,
    topics,
    // Background work: the embedded database serves requests' statements before these.
    onBatch: (messages) => inBackground(() => handleBatch(options, messages)),
  });
  return { stop: () => subscription.stop(), handle };
}

interface Accepted {
  message: Delivered;
  event: { event_id: string };
  handler: EventHandler<TopicName>;
}

/**
 * Checks a message against its topic's contract: the event and its handler, why it goes to the
 * DLQ, or nothing to do (no handler, or one that ignores it: counted as consumed and in
 * `events_ignored_total`).
 */
function accept(
  options: ConsumerOptions,
  message: Delivered,
): Accepted | { reason: string; error: string } | undefined {
  let event: unknown;
  try {
    event = JSON.parse(message.value);
  } catch {
    return { reason: "invalid_json", error: "message is not valid JSON" };
  }
  const topic = message.topic;
  if (!isTopicName(topic)) return { reason: "unknown_topic", error: `no contract for topic ${topic}` };
  const problems = validateEvent(topic, event);
  if (problems.length > 0) return { reason: "contract", error: problems.join("; ") };
  const handler = options.handlers[topic] as EventHandler<TopicName> | undefined;
  if (!handler) return undefined;
  if ((options.ignores?.[topic] as ((event: unknown) => boolean) | undefined)?.(event)) {
    // Consumed all the same (acknowledged, nothing left to do): what waits on the consumed count
    // (a backlog, a test) sees it; `ignored` says how many of them needed no work.
    options.metrics.consumed.inc({ consumer: options.name, topic });
    options.metrics.ignored.inc({ consumer: options.name, topic });
    return undefined;
  }
  return { message, event: event as { event_id: string }, handler };
}

/**
 * One partition's consecutive messages in ONE inbox transaction: the throughput path. If any
 * handler throws, the whole transaction rolls back and the messages are handled one at a time,
 * so only the failing one is retried and, in the end, dead-lettered.
 */
async function handleBatch(options: ConsumerOptions, messages: Delivered[]): Promise<void> {
  if (messages.length === 1) return void (await handleMessage(options, messages[0]!));
  const { database, metrics } = options;
  const accepted: Accepted[] = [];
  for (const message of messages) {
    const checked = accept(options, message);
    if (checked && "reason" in checked) await deadLetter(options, message, checked.reason, checked.error);
    else if (checked) accepted.push(checked);
  }
  if (accepted.length === 0) return;
  const started = performance.now();
  let handled: Accepted[];
  try {
    handled = await database.db.transaction(async (tx) => {
      const rows = accepted.map(({ message, event }) => ({
        consumer: options.name,
        eventId: event.event_id,
        topic: message.topic,
      }));
      const inserted = await tx
        .insert(inbox)
        .values(rows)
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      const fresh = new Set(inserted.map((row) => row.eventId));
      // `delete`: an event delivered twice within this batch is handled once.
      const todo = accepted.filter((item) => fresh.delete(item.event.event_id));
      const topic = todo[0]?.message.topic as TopicName | undefined;
      const batchHandler =
        topic && todo.every((item) => item.message.topic === topic)
          ? (options.batchHandlers?.[topic] as BatchEventHandler<TopicName> | undefined)
          : undefined;
      if (batchHandler)
        await batchHandler(
          tx,
          todo.map((item) => item.event) as never,
          todo.map((item) => item.message),
        );
      else for (const item of todo) await item.handler(tx, item.event as never, item.message);
      return todo;
    });
  } catch (error) {
    if (!(await databaseAnswers(database))) throw error;
    for (const { message } of accepted) await handleMessage(options, message);
    return;
  }
  const perEvent = (performance.now() - started) / 1000 / accepted.length;
  const handledSet = new Set(handled);
  for (const item of accepted) {
    const labels = { consumer: options.name, topic: item.message.topic };
    metrics.handlerSeconds.observe(perEvent, labels);
    (handledSet.has(item) ? metrics.consumed : metrics.duplicates).inc(labels);
  }
}

async function handleMessage(options: ConsumerOptions, message: Delivered): Promise<Outcome> {
  const { database, metrics } = options;
  const checked = accept(options, message);
  if (!checked) return "handled";
  if ("reason" in checked) return deadLetter(options, message, checked.reason, checked.error);
  const { event, handler } = checked;
  const topic = message.topic;
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const outcome = await database.db.transaction(async (tx) => {
        const inserted = await tx
          .insert(inbox)
          .values({ consumer: options.name, eventId: event.event_id, topic })
          .onConflictDoNothing()
          .returning({ eventId: inbox.eventId });
        if (inserted.length === 0) return "duplicate" as const;
        await handler(tx, event as never, message);
        return "handled" as const;
      });
      metrics.handlerSeconds.observe((performance.now() - started) / 1000, { consumer: options.name, topic });
      (outcome === "duplicate" ? metrics.duplicates : metrics.consumed).inc({
        consumer: options.name,
        topic,
      });
      return outcome;
    } catch (error) {
      // A database that cannot answer is not the event's fault: let the transport redeliver it later.
      if (!(await databaseAnswers(database))) throw error;
      if (attempt >= maxAttempts)
        return deadLetter(
          options,
          message,
          "handler_failed",
          `${errorText(error)} (after ${attempt} attempts)`,
        );
      await Bun.sleep((options.retryDelayMs ?? 50) * 2 ** (attempt - 1));
    }
  }
}

// A database that cannot answer is not the event's (or job's) fault: the caller waits and tries again.
const databaseAnswers = (database: Database) =>
  database.ping().then(
    () => true,
    () => false,
  );

async function deadLetter(
  options: ConsumerOptions,
  message: Delivered,
  reason: string,
  error: string,
): Promise<Outcome> {
  (options.logger ?? createLogger({ service: options.name })).warn(
    `${options.name}: message sent to ${dlqTopic(message.topic)}`,
    {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      event_id: message.headers.event_id,
      reason,
      error,
    },
  );
  await options.transport.publish([
    {
      topic: dlqTopic(message.topic),
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        dlq_reason: reason,
        dlq_error: error.slice(0, 2000),
        dlq_consumer: options.name,
        dlq_source: `${message.topic}/${message.partition}/${message.offset}`,
      },
    },
  ]);
  options.metrics.deadLettered.inc({ consumer: options.name, topic: message.topic, reason });
  return "dead-lettered";
}
