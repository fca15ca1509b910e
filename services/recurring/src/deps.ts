import type { Metrics, Transport } from "@todo/outbox";
import type { Database } from "@todo/outbox/db";
import type { Clock } from "@todo/outbox/runtime";

/** The collaborators every feature gets; built once in main.ts (or by a test). */
export interface Deps {
  clock: Clock;
  database: Database;
  transport: Transport;
  metrics: Metrics;
  limits: { maxBodyBytes: number };
  /** Serve /openapi/json (OPENAPI_ENABLED; off in production by default). Unset: on. */
  publicDocs?: boolean;
}
