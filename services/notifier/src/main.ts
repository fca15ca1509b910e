import { dirname, join } from "node:path";
import { createTransport, Metrics, messagingMetrics, startConsumer, startRelay } from "@todo/outbox";
import { openDatabase } from "@todo/outbox/db";
import { createTokenService, runMain, chooseClock, type SharedProcess } from "@todo/outbox/runtime";
import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";
import { notifierBatchHandlers, notifierHandlers } from "./consumers.ts";
import type { Deps } from "./deps.ts";

export const MIGRATIONS = join(dirname(import.meta.dir), "drizzle");
export const CONSUMER = "notifier";

/** What several services share when they run in one process. */
export type Shared = SharedProcess;

/** Starts the notifier: its API, its consumers of task-events and reminders, and its relay. */
export async function startNotifier(config: Config, shared: Shared = {}) {
  const { clock, testClock } = chooseClock(config, shared);
  const database = await openDatabase({ url: config.DATABASE_URL, driver: config.DATABASE_DRIVER, dataDir: join(config.DATA_DIR, "notifier"), migrationsFolder: MIGRATIONS, poolSize: config.DATABASE_POOL_SIZE, neonWsProxy: config.NEON_WS_PROXY });
  const transport = shared.transport ?? (await createTransport(config, "notifier", join(config.DATA_DIR, "events")));
  const metrics = new Metrics();
  const messaging = messagingMetrics(metrics);
  const deps: Deps = { database, transport, clock, metrics, tokens: createTokenService(config.authSecret, 3600, clock), maxBodyBytes: config.MAX_BODY_BYTES };
  const consumer = await startConsumer({ name: CONSUMER, database, transport, handlers: notifierHandlers(clock), batchHandlers: notifierBatchHandlers(clock), metrics: messaging });
  const relay = startRelay({ database, transport, clock, metrics: messaging, registry: metrics });
  const app = createApp(deps, testClock).listen({ port: config.PORT, hostname: config.HOST, maxRequestBodySize: config.MAX_BODY_BYTES });
  return {
    url: `http://localhost:${app.server?.port}`,
    deps,
    async stop() {
      await app.stop();
      await consumer.stop();
      await relay.stop();
      if (!shared.transport) await transport.close();
      await database.close();
    },
  };
}

if (import.meta.main) await runMain("notifier", () => startNotifier(loadConfig(process.env)));
