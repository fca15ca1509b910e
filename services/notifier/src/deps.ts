import type { Metrics, Transport } from "@todo/messaging";
import type { Database } from "@todo/messaging/db";
import type { Clock, Logger, SessionCheck, TokenService } from "@todo/service-kit";

export interface Deps {
  database: Database;
  transport: Transport;
  clock: Clock;
  tokens: TokenService;
  /** Whether a signed token's session is still live (the backend knows which were signed out). */
  sessions: SessionCheck;
  metrics: Metrics;
  maxBodyBytes: number;
  /** Largest body the Dapr sidecar may send (MAX_CALLBACK_BYTES). */
  maxCallbackBytes: number;
  /** The Dapr sidecar's app API token: `/dapr/*` (and `/job/*`) demand it when set. */
  appApiToken?: string;
  /** Where errors are logged (JSON lines, redacted); main.ts passes the service's own. */
  logger: Logger;
}
