import { afterEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { offsetClock } from "../src/support/clock.ts";
import { rowsOf, type Db } from "../src/db/database.ts";
import { outbox } from "../src/db/tables.ts";
import { Metrics, messagingMetrics } from "../src/metrics/metrics.ts";
import { startRelay } from "../src/relay/outbox-relay.ts";
import { createMemoryTransport } from "../src/transports/memory/memory-transport.ts";
import type { Delivered, Transport } from "../src/transports/transport.ts";
import { freshDatabase, testDrivers } from "../../scripts/testing/fresh-database.ts";
import {
  commitEvents,
  effectCounts,
  eventually,
  startRecordingConsumer,
  taskEvent,
  TEST_MIGRATIONS,
} from "./harness.ts";

const HOUR = 3_600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  kind: (typeof testDrivers)[number],
  transport: Transport = createMemoryTransport({ retryDelayMs: 10 }),
) {
  const database = await freshDatabase(kind, TEST_MIGRATIONS);
  cleanups.push(
    () => database.drop(),
    () => transport.close(),
  );
  return { database, transport, clock: offsetClock(), metrics: messagingMetrics(new Metrics()) };
}

/** A consumer and a relay keeping outbox rows an hour and inbox rows two days. */
async function consumerAndRelay(kind: (typeof testDrivers)[number]) {
  const { database, transport, clock, metrics } = await setup(kind);
  const consumer = await startRecordingConsumer("notifier", { database, transport, metrics }, cleanups);
  const relay = startRelay({
    database,
    transport,
    clock,
    metrics,
    pollMs: 60_000,
    retention: { outboxMs: HOUR, inboxMs: 48 * HOUR, batchSize: 100 },
  });
  cleanups.push(() => relay.stop());
  return { database, clock, consumer, relay };
}

const count = async (db: Db, query: ReturnType<typeof sql>) =>
  rowsOf<{ n: number }>(await db.execute(query))[0]!.n;

const unpublished = (db: Db) =>
  count(db, sql`select count(*)::int as n from outbox where published_at is null`);

const message = (event: { event_id: string; task_id: string }): Delivered => ({
  topic: "task-events",
  key: event.task_id,
  value: JSON.stringify(event),
  headers: { event_id: event.event_id },
  partition: 0,
  offset: "0",
});

describe.each(testDrivers)("retention of outbox and inbox rows (%s)", (kind) => {
  test("published outbox rows older than the retention are pruned in batches; unpublished and recent rows stay", async () => {
    const { database, transport, clock, metrics } = await setup(kind);
    const retention = { outboxMs: 24 * HOUR, inboxMs: 14 * 24 * HOUR, batchSize: 2 };
    const relay = startRelay({ database, transport, clock, metrics, pollMs: 60_000, retention });
    cleanups.push(() => relay.stop());
    await commitEvents(
      database.db,
      Array.from({ length: 5 }, () => taskEvent(crypto.randomUUID())),
    );
    await eventually(
      async () => (await relay.drain(), (await unpublished(database.db)) === 0),
      "5 published",
    );
    clock.advance(25 * HOUR);
    // Published by the moved clock's "now": inside the retention, so kept.
    await commitEvents(database.db, [taskEvent(crypto.randomUUID())]);
    await eventually(
      async () => (await relay.drain(), (await unpublished(database.db)) === 0),
      "the sixth published",
    );
    // The relay's own loop prunes too once the clock has jumped; stopped, only our call prunes.
    await relay.stop();
    // Old and never published: pruning never deletes a row that has not left.
    const stuck = taskEvent(crypto.randomUUID());
    await database.db
      .insert(outbox)
      .values({ eventId: stuck.event_id, topic: "task-events", key: stuck.task_id, payload: stuck });

    await relay.prune();
    expect(
      await count(database.db, sql`select count(*)::int as n from outbox where published_at is not null`),
    ).toBe(1);
    expect(await unpublished(database.db)).toBe(1);
    expect((await relay.prune()).outbox).toBe(0);
  });

  test("an event redelivered inside the inbox retention is still a duplicate; its row goes only after the window", async () => {
    const { database, consumer, relay } = await consumerAndRelay(kind);
    const event = taskEvent(crypto.randomUUID());
    expect(await consumer.handle(message(event))).toBe("handled");
    // An inbox row's age is the database's time (it wrote handled_at): the row is aged there.
    const age = (hours: number) =>
      database.db.execute(sql`update inbox set handled_at = handled_at - ${hours} * interval '1 hour'`);

    await age(47);
    expect((await relay.prune()).inbox).toBe(0);
    expect(await consumer.handle(message(event))).toBe("duplicate");
    expect((await effectCounts(database.db)).rows).toBe(1);

    await age(2);
    expect((await relay.prune()).inbox).toBe(1);
    expect(await count(database.db, sql`select count(*)::int as n from inbox`)).toBe(0);
  });

  test("a test clock moved weeks ahead prunes no inbox row: a redelivery stays a duplicate", async () => {
    const { clock, consumer, relay } = await consumerAndRelay(kind);
    const event = taskEvent(crypto.randomUUID());
    expect(await consumer.handle(message(event))).toBe("handled");
    clock.advance(30 * 24 * HOUR);
    expect((await relay.prune()).inbox).toBe(0);
    expect(await consumer.handle(message(event))).toBe("duplicate");
  });

  test("a failed publish is recorded on the rows: attempts counted, the last error kept", async () => {
    let failing = true;
    const memory = createMemoryTransport({ retryDelayMs: 10 });
    const flaky: Transport = {
      ...memory,
      publish: async (messages) =>
        failing ? Promise.reject(new Error("broker unavailable")) : memory.publish(messages),
    };
    const { database, clock, metrics } = await setup(kind, flaky);
    cleanups.push(() => memory.close());
    const relay = startRelay({ database, transport: flaky, clock, metrics, pollMs: 60_000 });
    cleanups.push(() => relay.stop());
    await commitEvents(database.db, [taskEvent(crypto.randomUUID()), taskEvent(crypto.randomUUID())]);

    // Each failed drain (ours or the relay loop's own retries) counts on every row of the batch.
    const failures = async () =>
      rowsOf<{ attempts: number; last_error: string | null }>(
        await database.db.execute(
          sql`select attempts, last_error from outbox where published_at is null order by id`,
        ),
      );
    await eventually(
      async () => (await relay.drain().catch(() => 0), (await failures()).every((row) => row.attempts >= 2)),
      "two failed attempts recorded",
    );
    expect((await failures()).map((row) => row.last_error)).toEqual([
      "broker unavailable",
      "broker unavailable",
    ]);

    failing = false;
    await eventually(
      async () => (await relay.drain(), (await unpublished(database.db)) === 0),
      "published once the broker is back",
    );
  });
});
