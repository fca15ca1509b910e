import { dirname, join } from "node:path";
import {
  bunBodyCeiling,
  openapiEnabled,
  openServiceRuntime,
  runMain,
  startService,
  type SharedProcess,
} from "@todo/service-kit";
import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";
import { CONSUMER, recurringHandlers, recurringIgnores } from "./consumers.ts";
import type { Deps } from "./deps.ts";
import { startDaprScheduler } from "./schedules/dapr-scheduler.ts";
import { startEmbeddedScheduler } from "./schedules/embedded-scheduler.ts";
import type { Scheduler } from "./schedules/scheduler.ts";

export const MIGRATIONS = join(dirname(import.meta.dir), "drizzle");

/** What several services share when they run in one process. */
export type Shared = SharedProcess;

/**
 * Starts the recurring service: the preview API, the consumers that keep its schedule in step
 * with task and reminder events, the scheduler that fires jobs, and the relay that publishes.
 */
export async function startRecurring(config: Config, shared: Shared = {}) {
  const runtime = await openServiceRuntime("recurring", config, shared, MIGRATIONS);
  const { clock, testClock, database, transport, metrics, logger } = runtime;
  const deps: Deps = {
    clock,
    database,
    transport,
    metrics,
    limits: { maxBodyBytes: config.MAX_BODY_BYTES },
    appApiToken: config.APP_API_TOKEN,
    maxCallbackBytes: config.MAX_CALLBACK_BYTES,
    logger,
    publicDocs: openapiEnabled(config),
  };
  const settings = { graceMs: config.REMINDER_GRACE_SECONDS * 1000, maxCatchUp: config.MAX_CATCH_UP, logger };
  const fires = metrics.counter(
    "reminders_fired_total",
    "jobs fired (on time or late within the grace period) and published as missed",
  );
  const onFired = (n: number) => fires.inc({}, n);
  const scheduler: Scheduler =
    config.SCHEDULER === "dapr"
      ? startDaprScheduler({
          database,
          clock,
          settings,
          daprHttpUrl: `http://127.0.0.1:${config.DAPR_HTTP_PORT}`,
          onFired,
        })
      : startEmbeddedScheduler({ database, clock, settings, onFired });
  const service = await startService({
    runtime,
    consumer: { name: CONSUMER, handlers: recurringHandlers(clock, logger), ignores: recurringIgnores },
    parts: [scheduler],
    listen: () =>
      createApp(deps, { scheduler, testClock }).listen({
        port: config.PORT,
        hostname: config.HOST,
        maxRequestBodySize: bunBodyCeiling(config.MAX_BODY_BYTES),
      }),
  });
  return { ...service, deps };
}

if (import.meta.main) await runMain("recurring", () => startRecurring(loadConfig(process.env)));
