import { dirname, join } from "node:path";
import {
  backendSessionCheck,
  bunBodyCeiling,
  createTokenService,
  openServiceRuntime,
  runMain,
  startService,
  type SharedProcess,
} from "@todo/service-kit";
import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";
import { notifierBatchHandlers, notifierHandlers, notifierIgnores } from "./consumers.ts";
import type { Deps } from "./deps.ts";

export const MIGRATIONS = join(dirname(import.meta.dir), "drizzle");
export const CONSUMER = "notifier";

/** What several services share when they run in one process. */
export type Shared = SharedProcess;

/** Starts the notifier: its API, its consumers of task-events and reminders, and its relay. */
export async function startNotifier(config: Config, shared: Shared = {}) {
  const runtime = await openServiceRuntime("notifier", config, shared, MIGRATIONS);
  const { clock, database, transport, metrics, logger } = runtime;
  const deps: Deps = {
    database,
    transport,
    clock,
    metrics,
    tokens: createTokenService(config.authSecret, 3600, clock, "notifier"),
    sessions: backendSessionCheck(config.BACKEND_URL, logger),
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxCallbackBytes: config.MAX_CALLBACK_BYTES,
    appApiToken: config.APP_API_TOKEN,
    logger,
  };
  const service = await startService({
    runtime,
    consumer: {
      name: CONSUMER,
      handlers: notifierHandlers(clock),
      batchHandlers: notifierBatchHandlers(clock),
      ignores: notifierIgnores,
    },
    listen: () =>
      createApp(deps, runtime.testClock).listen({
        port: config.PORT,
        hostname: config.HOST,
        maxRequestBodySize: bunBodyCeiling(config.MAX_BODY_BYTES),
      }),
  });
  return { ...service, deps };
}

if (import.meta.main) await runMain("notifier", () => startNotifier(loadConfig(process.env)));
