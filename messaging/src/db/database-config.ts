import { Type, type Static } from "@sinclair/typebox";
import type { Retention } from "../relay/prune-messages.ts";

// The one place the retention defaults are written: the configuration's defaults and the relay's
// fallback when it is started without a retention (tests, benchmarks).
const RETENTION_DEFAULTS = { OUTBOX_RETENTION_HOURS: 24, INBOX_RETENTION_HOURS: 336, PRUNE_BATCH_SIZE: 1000 };

/** The database settings every service reads; part of each service's config schema. */
export const DatabaseConfigSchema = Type.Object({
  DATABASE_URL: Type.Optional(
    Type.String({
      description:
        "postgres:// URL of this service's own database; unset uses the embedded PGlite under DATA_DIR/<service>",
    }),
  ),
  DATABASE_DRIVER: Type.Union(
    [Type.Literal("auto"), Type.Literal("pglite"), Type.Literal("postgres"), Type.Literal("neon")],
    {
      default: "auto",
      description: "auto: Neon for *.neon.tech URLs, PostgreSQL for other URLs, PGlite without one",
    },
  ),
  DATABASE_POOL_SIZE: Type.Integer({
    default: 10,
    minimum: 1,
    description: "connections per process (PostgreSQL, Neon)",
  }),
  PGLITE_TEMPLATE: Type.Optional(
    Type.String({
      description:
        "an empty PGlite cluster (messaging/scripts/write-pglite-template.ts writes one) a fresh embedded database starts from instead of running initdb in the process; the images set it (initdb peaked at ~960 MB)",
    }),
  ),
  NEON_WS_PROXY: Type.Optional(
    Type.String({
      description: "host:port/path of a Neon WebSocket proxy (local testing of the Neon driver)",
    }),
  ),
  OUTBOX_RETENTION_HOURS: Type.Number({
    default: RETENTION_DEFAULTS.OUTBOX_RETENTION_HOURS,
    exclusiveMinimum: 0,
    description: "published outbox rows older than this are deleted by the relay (once a minute, in batches)",
  }),
  INBOX_RETENTION_HOURS: Type.Number({
    default: RETENTION_DEFAULTS.INBOX_RETENTION_HOURS,
    exclusiveMinimum: 0,
    description:
      "inbox rows (handled event ids) older than this are deleted; must outlast every redelivery (the topics' retention, a replay)",
  }),
  PRUNE_BATCH_SIZE: Type.Integer({
    default: RETENTION_DEFAULTS.PRUNE_BATCH_SIZE,
    minimum: 1,
    description: "rows per delete statement when pruning",
  }),
});
export type DatabaseConfig = Static<typeof DatabaseConfigSchema>;

/** The relay's retention from the service's configuration. */
export const retentionOf = (
  config: Pick<DatabaseConfig, "OUTBOX_RETENTION_HOURS" | "INBOX_RETENTION_HOURS" | "PRUNE_BATCH_SIZE">,
): Retention => ({
  outboxMs: config.OUTBOX_RETENTION_HOURS * 3_600_000,
  inboxMs: config.INBOX_RETENTION_HOURS * 3_600_000,
  batchSize: config.PRUNE_BATCH_SIZE,
});

/** The retention of the configuration's defaults (24 hours of outbox, 14 days of inbox). */
export const DEFAULT_RETENTION = retentionOf(RETENTION_DEFAULTS);
