import type { Metrics, Transport } from "@todo/messaging";
import type { Database } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";

/** The collaborators every feature gets; built once in main.ts (or by a test). */
export interface Deps {
  clock: Clock;
  database: Database;
  transport: Transport;
  metrics: Metrics;
  limits: { maxBodyBytes: number };
  /** The Dapr sidecar's app API token: `/dapr/*` (and `/job/*`) demand it when set. */
  appApiToken?: string;
  /** Largest body the Dapr sidecar may send to /dapr/* and /job/* (MAX_CALLBACK_BYTES). */
  maxCallbackBytes: number;
  /** Where errors are logged (JSON lines, redacted); main.ts passes the service's own. */
  logger: Logger;
  /** Serve /openapi/json (OPENAPI_ENABLED; off in production by default). Unset: on. */
  publicDocs?: boolean;
}
