// Relay throughput: N committed outbox rows drained to Kafka by startRelay, against the bare
// producer sending the same N messages in batches of the same size.
import { sql } from "drizzle-orm";
import type { Database } from "../../messaging/src/db/database.ts";
import { rowsOf } from "../../messaging/src/db/database.ts";
import { outbox } from "../../messaging/src/db/tables.ts";
import { Metrics, messagingMetrics } from "../../messaging/src/metrics/metrics.ts";
import { startRelay } from "../../messaging/src/relay/outbox-relay.ts";
import { systemClock } from "../../messaging/src/support/clock.ts";
import type { Message } from "../../messaging/src/transports/transport.ts";
import { taskEvent } from "../../messaging/test/harness.ts";
import { createAdapter, createBareProducer, type Adapter } from "./adapters.ts";

/** The same events for the relay and the bare producer: 1,000 tasks, realistic payloads. */
export function makeEvents(n: number) {
  const tasks = Array.from({ length: 1000 }, () => crypto.randomUUID());
  return Array.from({ length: n }, (_, i) => taskEvent(tasks[i % tasks.length]!));
}

/**
 * Commits all events up front in one transaction (bulk), as a backlog the relay must drain. Then
 * ANALYZE, as autovacuum would have done for a backlog that built up over minutes: with the stale
 * statistics of a table filled a moment ago the planner reads the whole backlog for every batch.
 */
export async function seedOutbox(
  database: Database,
  topic: string,
  events: ReturnType<typeof makeEvents>,
): Promise<void> {
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < events.length; i += 1000) {
      await tx
        .insert(outbox)
        .values(
          events
            .slice(i, i + 1000)
            .map((event) => ({ eventId: event.event_id, topic, key: event.task_id, payload: event })),
        );
    }
  });
  await database.db.execute(sql`analyze outbox`);
}

/** Events per second from startRelay() until every row is published and marked. */
export async function timeRelay(
  adapter: Adapter,
  brokers: string,
  database: Database,
  topic: string,
  n: number,
  batchSize: number,
): Promise<number> {
  const transport = createAdapter(adapter, brokers, "bench-relay");
  await transport.ensureTopics([topic]);
  await transport.publish([{ topic, key: "warm-up", value: "{}", headers: {} }]); // connection and producer id, as a running service has them
  const metrics = messagingMetrics(new Metrics());
  const started = performance.now();
  const relay = startRelay({ database, transport, clock: systemClock, metrics, batchSize });
  while (metrics.published.get({ topic }) < n) await Bun.sleep(2);
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  await transport.close();
  const [left] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from outbox where published_at is null`),
  );
  if (left!.n !== 0) throw new Error(`relay left ${left!.n} rows unpublished`);
  return n / seconds;
}

/** Events per second of the library's own producer sending the relay's messages, batch after batch. */
export async function timeBareProducer(
  adapter: Adapter,
  brokers: string,
  topic: string,
  events: ReturnType<typeof makeEvents>,
  batchSize: number,
): Promise<number> {
  const transport = createAdapter(adapter, brokers, "bench-topics");
  await transport.ensureTopics([topic]);
  await transport.close();
  const committedAt = new Date().toISOString();
  const messages: Message[] = events.map((e) => ({
    topic,
    key: e.task_id,
    value: JSON.stringify(e),
    headers: { event_id: e.event_id, committed_at: committedAt },
  }));
  const producer = await createBareProducer(adapter, brokers);
  await producer.send([{ topic, key: "warm-up", value: "{}", headers: {} }]);
  const started = performance.now();
  for (let i = 0; i < messages.length; i += batchSize) await producer.send(messages.slice(i, i + batchSize));
  const seconds = (performance.now() - started) / 1000;
  await producer.close();
  return messages.length / seconds;
}
