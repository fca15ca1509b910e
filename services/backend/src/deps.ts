import type { Metrics, Transport } from "@todo/messaging";
import type { Database } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import type { Logger, TokenService } from "@todo/service-kit";
import type { AuthLimitSettings } from "./auth/auth-limits.ts";
import type { PasswordWork } from "./auth/password-work.ts";

/** The collaborators every feature gets; built once in main.ts (or by a test). */
export interface Deps {
  database: Database;
  clock: Clock;
  tokens: TokenService;
  transport: Transport;
  metrics: Metrics;
  limits: AuthLimitSettings & { maxBodyBytes: number; trustedProxies: string[] };
  /** argon2id hashing and checking through a bounded queue. */
  passwords: PasswordWork;
  notifierUrl: string;
  /** The Dapr sidecar's app API token: `/dapr/*` (and `/job/*`) demand it when set. */
  appApiToken?: string;
  /** Largest body the Dapr sidecar may send (MAX_CALLBACK_BYTES). */
  maxCallbackBytes: number;
  /** Where errors are logged (JSON lines, redacted); main.ts passes the service's own. */
  logger: Logger;
  /** Serve /openapi/json (OPENAPI_ENABLED; off in production by default). Unset: on. */
  publicDocs?: boolean;
}
