// The backend's collaborators for the benches that run its app in this process (bench/chat,
// bench/search), built as startBackend builds them: only the configuration is the bench's.
import { createMemoryTransport, Metrics } from "@todo/messaging";
import type { Database } from "@todo/messaging/db";
import { createLogger, systemClock } from "@todo/service-kit";
import { loadConfig } from "../../services/backend/src/config.ts";
import type { Deps } from "../../services/backend/src/deps.ts";
import { backendDeps } from "../../services/backend/src/main.ts";

// Every bench user signs up from this one address, so the per-address and overall signup and
// login limits are raised out of the way; the notifier is not running.
const BENCH_ENV = {
  AUTH_SECRET: crypto.randomUUID() + crypto.randomUUID(),
  TOKEN_TTL_SECONDS: "3600",
  NOTIFIER_URL: "http://127.0.0.1:9",
  LOGIN_ATTEMPTS_PER_MINUTE: "1000",
  AUTH_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "1000",
  SIGNUPS_PER_ADDRESS_PER_HOUR: "1000",
  SIGNUP_ATTEMPTS_PER_EMAIL_PER_HOUR: "1000",
  AUTH_ATTEMPTS_PER_MINUTE: "10000",
  ARGON2_QUEUE: "1000",
};

/** The backend's deps on an opened database: real clock, in-memory transport, logs to stdout. */
export function inProcessBackendDeps(database: Database): Deps {
  return backendDeps(loadConfig(BENCH_ENV), {
    database,
    clock: systemClock,
    transport: createMemoryTransport(),
    metrics: new Metrics(),
    logger: createLogger({ service: "backend" }),
  });
}
