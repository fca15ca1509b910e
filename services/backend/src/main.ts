import { dirname, join } from "node:path";
import { openDatabase } from "@todo/outbox/db";
import { createApp } from "./app.ts";
import { createTokenService } from "./auth/tokens.ts";
import { systemClock, type Clock } from "@todo/outbox/runtime";
import { loadConfig, type Config } from "./config.ts";
import type { Deps } from "./deps.ts";

export const MIGRATIONS = join(dirname(import.meta.dir), "drizzle");

/** Builds the adapters the configuration asks for; tests pass their own clock. */
export async function buildDeps(config: Config, clock: Clock = systemClock): Promise<Deps> {
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
    limits: { maxBodyBytes: config.MAX_BODY_BYTES, loginAttemptsPerMinute: config.LOGIN_ATTEMPTS_PER_MINUTE },
  };
}

/** Starts the backend; returns a function that stops it. */
export async function startBackend(config: Config): Promise<{ url: string; stop(): Promise<void> }> {
  const deps = await buildDeps(config);
  const app = createApp(deps).listen({ port: config.PORT, hostname: config.HOST, maxRequestBodySize: config.MAX_BODY_BYTES });
  const url = `http://localhost:${app.server?.port}`;
  return {
    url,
    async stop() {
      await app.stop();
      await deps.database.close();
    },
  };
}

if (import.meta.main) {
  const backend = await startBackend(loadConfig(process.env));
  console.log(`backend listening on ${backend.url}`);
  const shutdown = async () => {
    await backend.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
