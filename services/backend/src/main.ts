import { dirname, join } from "node:path";
import {
  bunBodyCeiling,
  createTokenService,
  openapiEnabled,
  openServiceRuntime,
  runMain,
  startService,
  type SharedProcess,
} from "@todo/service-kit";
import { createApp } from "./app.ts";
import { createPasswordWork } from "./auth/password-work.ts";
import { chatAdapters } from "./chat/chat-adapters.ts";
import { loadConfig, type Config } from "./config.ts";
import { backendHandlers, CONSUMER } from "./consumers.ts";
import type { Deps } from "./deps.ts";

export const MIGRATIONS = join(dirname(import.meta.dir), "drizzle");

/** What several services share when they run in one process. */
export type Shared = SharedProcess;

/** What the backend is given already opened: its database, clock, transport, metrics and logger. */
export type OpenedParts = Pick<Deps, "database" | "clock" | "transport" | "metrics" | "logger">;

/**
 * The backend's collaborators from its configuration and its opened parts: what startBackend
 * serves with, and what a test or a bench that runs the app in-process builds the same way.
 * @example
 * const config = loadConfig({ AUTH_SECRET: "…32 characters or more…", NOTIFIER_URL: "http://127.0.0.1:9" });
 * const app = createApp(backendDeps(config, { database, clock: systemClock, transport, metrics, logger }));
 */
export function backendDeps(
  config: Config,
  { database, clock, transport, metrics, logger }: OpenedParts,
): Deps {
  return {
    database,
    clock,
    transport,
    metrics,
    tokens: createTokenService(config.authSecret, config.TOKEN_TTL_SECONDS, clock),
    limits: {
      maxBodyBytes: config.MAX_BODY_BYTES,
      loginAttemptsPerMinute: config.LOGIN_ATTEMPTS_PER_MINUTE,
      authAttemptsPerAddressPerMinute: config.AUTH_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
      signupsPerAddressPerHour: config.SIGNUPS_PER_ADDRESS_PER_HOUR,
      signupAttemptsPerEmailPerHour: config.SIGNUP_ATTEMPTS_PER_EMAIL_PER_HOUR,
      authAttemptsPerMinute: config.AUTH_ATTEMPTS_PER_MINUTE,
      trustedProxies: config.TRUSTED_PROXIES.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    },
    passwords: createPasswordWork({ concurrency: config.ARGON2_CONCURRENCY, queue: config.ARGON2_QUEUE }),
    notifierUrl: config.NOTIFIER_URL,
    appApiToken: config.APP_API_TOKEN,
    maxCallbackBytes: config.MAX_CALLBACK_BYTES,
    logger,
    publicDocs: openapiEnabled(config),
  };
}

/** Starts the backend: its API, its consumer of reminder fires, and its outbox relay. */
export async function startBackend(
  config: Config,
  shared: Shared = {},
): Promise<{ url: string; deps: Deps; stop(): Promise<void> }> {
  const runtime = await openServiceRuntime("backend", config, shared, MIGRATIONS);
  const { clock, logger } = runtime;
  const deps = backendDeps(config, runtime);
  const service = await startService({
    runtime,
    topics: ["task-events", "task-updates", "reminders"],
    consumer: { name: CONSUMER, handlers: backendHandlers(clock, logger) },
    listen: () =>
      createApp(deps, runtime.testClock, chatAdapters(config, deps)).listen({
        port: config.PORT,
        hostname: config.HOST,
        maxRequestBodySize: bunBodyCeiling(config.MAX_BODY_BYTES),
      }),
  });
  return { ...service, deps };
}

if (import.meta.main) await runMain("backend", () => startBackend(loadConfig(process.env)));
