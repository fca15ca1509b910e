import { join } from "node:path";
import {
  createLogger,
  createTransport,
  Metrics,
  messagingMetrics,
  watchTableSizes,
  type TransportConfig,
} from "@todo/messaging";
import { openDatabase, retentionOf, type DatabaseSettings } from "@todo/messaging/db";
import { chooseClock, type SharedProcess } from "./shared-process.ts";

export type RuntimeConfig = DatabaseSettings & TransportConfig & { DATA_DIR: string; TEST_CLOCK: boolean };

/**
 * What every service with a database opens before its own parts: its clock, its logger (the one
 * every part of the service is handed), its database (with its migrations applied), its transport
 * (the process's shared one, or its own) and its metrics (with the size of each of its tables).
 * `close()` closes what the service opened; a shared transport belongs to the process.
 * @example
 * const runtime = await openServiceRuntime("notifier", config, shared, MIGRATIONS);
 * const service = await startService({ runtime, consumer: { name: "notifier", handlers }, listen: () => app.listen(port) });
 */
export async function openServiceRuntime(
  service: string,
  config: RuntimeConfig,
  shared: SharedProcess,
  migrationsFolder: string,
) {
  const { clock, testClock } = chooseClock(config, shared);
  const logger = createLogger({ service, clock });
  const sharedPglite =
    shared.pglite && !config.DATABASE_URL ? { pglite: shared.pglite, schema: service } : undefined;
  const database = await openDatabase({
    url: config.DATABASE_URL,
    driver: config.DATABASE_DRIVER,
    dataDir: join(config.DATA_DIR, service),
    migrationsFolder,
    poolSize: config.DATABASE_POOL_SIZE,
    neonWsProxy: config.NEON_WS_PROXY,
    pgliteTemplate: config.PGLITE_TEMPLATE,
    sharedPglite,
    logger,
  });
  const transport =
    shared.transport ?? (await createTransport(config, service, join(config.DATA_DIR, "events"), logger));
  const metrics = new Metrics();
  watchTableSizes(metrics, database.db);
  return {
    clock,
    testClock,
    logger,
    database,
    transport,
    metrics,
    messaging: messagingMetrics(metrics),
    /** How long the relay keeps handled messages (OUTBOX_RETENTION_HOURS, INBOX_RETENTION_HOURS). */
    retention: retentionOf(config),
    async close() {
      if (!shared.transport) await transport.close();
      await database.close();
    },
  };
}
