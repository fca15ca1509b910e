import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { openDatabase, type Database } from "../src/db/index.ts";
import { startConsumer } from "../src/inbox/consume-events.ts";
import { Metrics, messagingMetrics } from "../src/metrics/metrics.ts";
import { startRelay } from "../src/relay/outbox-relay.ts";
import { systemClock } from "../src/support/clock.ts";
import { createMemoryTransport } from "../src/transports/memory/memory-transport.ts";
import { startPostgres, type PostgresServer } from "../../scripts/infra/postgres.ts";
import {
  commitEvents,
  effectCounts,
  eventually,
  recordingHandlers,
  taskEvent,
  TEST_MIGRATIONS,
} from "./harness.ts";

// A server of its own: this test restarts it.
describe("a PostgreSQL restart under a running service", () => {
  let server: PostgresServer;
  let database: Database;
  beforeAll(async () => {
    server = await startPostgres();
    database = await openDatabase({
      url: server.url,
      driver: "postgres",
      migrationsFolder: TEST_MIGRATIONS,
      poolSize: 5,
    });
  });
  afterAll(async () => {
    await database.close();
    await server.stop();
  });

  test("queries fail while it is away and work again after; the relay is woken by NOTIFY again, not by its poll", async () => {
    const transport = createMemoryTransport({ retryDelayMs: 10 });
    const metrics = messagingMetrics(new Metrics());
    const consumer = await startConsumer({
      name: "notifier",
      database,
      transport,
      handlers: recordingHandlers("notifier"),
      metrics,
    });
    // A poll far longer than the test: only a LISTEN that came back can publish the second commit in time.
    const relay = startRelay({ database, transport, clock: systemClock, metrics, pollMs: 600_000 });
    try {
      await commitEvents(database.db, [taskEvent(crypto.randomUUID())]);
      await eventually(async () => (await effectCounts(database.db)).rows === 1, "the first event handled");
      // Queries keep coming while the server goes away: they fail, none hangs.
      let failures = 0;
      const load = (async () => {
        for (let i = 0; i < 200; i++) await database.ping().catch(() => void failures++);
      })();
      await server.restart();
      await load;
      await eventually(
        async () =>
          database.ping().then(
            () => true,
            () => false,
          ),
        "the database answering again",
      );
      await commitEvents(database.db, [taskEvent(crypto.randomUUID())]);
      await eventually(
        async () => (await effectCounts(database.db)).rows === 2,
        "the second event handled without waiting for the poll",
        20_000,
      );
      expect(await effectCounts(database.db)).toEqual({ rows: 2, distinct: 2 });
    } finally {
      await relay.stop();
      await consumer.stop();
      await transport.close();
    }
  }, 90_000);
});
