import type { Metrics, Transport } from "@todo/outbox";
import type { Database } from "@todo/outbox/db";
import type { Clock, Logger, TokenService } from "@todo/outbox/runtime";

export interface Deps {
  database: Database;
  transport: Transport;
  clock: Clock;
  tokens: TokenService;
  metrics: Metrics;
  maxBodyBytes: number;
  /** The Dapr sidecar's app API token: `/dapr/*` (and `/job/*`) demand it when set. */
  appApiToken?: string;
  /** Where errors are logged (JSON lines, redacted); main.ts passes the service's own. */
  logger: Logger;
}
