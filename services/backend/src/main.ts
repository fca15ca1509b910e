import { dirname, join } from "node:path";
import { createTransport, Metrics, messagingMetrics, startConsumer, startRelay } from "@todo/outbox";
import { openDatabase } from "@todo/outbox/db";
import { createTokenService, offsetClock, runMain, chooseClock, type SharedProcess } from "@todo/outbox/runtime";
import { createApp } from "./app.ts";
import { chatAdapters } from "./chat/chat-adapters.ts";
import { loadConfig, type Config } from "./config.ts";
import { backendHandlers, CONSUMER } from "./consumers.ts";
import type { Deps } from "./deps.ts";

export const MIGRATIONS = join(dirname(import.meta.dir), "drizzle");

/** What several services share when they run in one process. */
export type Shared = SharedProcess;

/** Builds the adapters the configuration asks for. */
export async function buildDeps(config: Config, shared: Shared = {}): Promise<Deps & { testClock?: ReturnType<typeof offsetClock> }> {
  const { clock, testClock } = chooseClock(config, shared);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    driver: config.DATABASE_DRIVER,
    dataDir: join(config.DATA_DIR, "backend"),
    migrationsFolder: MIGRATIONS,
    poolSize: config.DATABASE_POOL_SIZE,
    neonWsProxy: config.NEON_WS_PROXY,
  });
  return {
    database,
    clock,
    tokens: createTokenService(config.authSecret, config.TOKEN_TTL_SECONDS, clock),
    transport: shared.transport ?? (await createTransport(config, "backend", join(config.DATA_DIR, "events"))),
    metrics: new Metrics(),
    limits: { maxBodyBytes: config.MAX_BODY_BYTES, loginAttemptsPerMinute: config.LOGIN_ATTEMPTS_PER_MINUTE, trustedProxies: config.TRUSTED_PROXIES.split(",").map((s) => s.trim()).filter(Boolean) },
    notifierUrl: config.NOTIFIER_URL,
    testClock,
  };
}

/** Starts the backend: its API and its outbox relay. Returns a function that stops both. */
export async function startBackend(config: Config, shared: Shared = {}): Promise<{ url: string; deps: Deps; stop(): Promise<void> }> {
  const deps = await buildDeps(config, shared);
  await deps.transport.ensureTopics(["task-events", "task-updates", "reminders"]);
  const messaging = messagingMetrics(deps.metrics);
  const consumer = await startConsumer({ name: CONSUMER, database: deps.database, transport: deps.transport, handlers: backendHandlers(deps.clock), metrics: messaging });
  const relay = startRelay({ database: deps.database, transport: deps.transport, clock: deps.clock, metrics: messaging, registry: deps.metrics });
  const app = createApp(deps, deps.testClock, chatAdapters(config, deps)).listen({ port: config.PORT, hostname: config.HOST, maxRequestBodySize: config.MAX_BODY_BYTES });
  return {
    url: `http://localhost:${app.server?.port}`,
    deps,
    async stop() {
      await app.stop();
      await consumer.stop();
      await relay.stop();
      if (!shared.transport) await deps.transport.close();
      await deps.database.close();
    },
  };
}

if (import.meta.main) await runMain("backend", () => startBackend(loadConfig(process.env)));
