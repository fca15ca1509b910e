import { Type, type Static } from "@sinclair/typebox";

/** The database settings every service reads; part of each service's config schema. */
export const DatabaseConfigSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ description: "postgres:// URL of this service's own database; unset uses the embedded PGlite under DATA_DIR/<service>" })),
  DATABASE_DRIVER: Type.Union([Type.Literal("auto"), Type.Literal("pglite"), Type.Literal("postgres"), Type.Literal("neon")], {
    default: "auto",
    description: "auto: Neon for *.neon.tech URLs, PostgreSQL for other URLs, PGlite without one",
  }),
  DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, description: "connections per process (PostgreSQL, Neon)" }),
  PGLITE_TEMPLATE: Type.Optional(
    Type.String({ description: "an empty PGlite cluster (messaging/src/db/pglite-template.ts) a fresh embedded database starts from instead of running initdb in the process; the images set it (initdb peaked at ~960 MB)" }),
  ),
  NEON_WS_PROXY: Type.Optional(Type.String({ description: "host:port/path of a Neon WebSocket proxy (local testing of the Neon driver)" })),
  OUTBOX_RETENTION_HOURS: Type.Number({ default: 24, exclusiveMinimum: 0, description: "published outbox rows older than this are deleted by the relay (once a minute, in batches)" }),
  INBOX_RETENTION_HOURS: Type.Number({ default: 336, exclusiveMinimum: 0, description: "inbox rows (handled event ids) older than this are deleted; must outlast every redelivery (the topics' retention, a replay)" }),
  PRUNE_BATCH_SIZE: Type.Integer({ default: 1000, minimum: 1, description: "rows per delete statement when pruning" }),
});
export type DatabaseConfig = Static<typeof DatabaseConfigSchema>;

/** The relay's retention from the service's configuration. */
export const retentionOf = (config: Pick<DatabaseConfig, "OUTBOX_RETENTION_HOURS" | "INBOX_RETENTION_HOURS" | "PRUNE_BATCH_SIZE">) => ({
  outboxMs: config.OUTBOX_RETENTION_HOURS * 3_600_000,
  inboxMs: config.INBOX_RETENTION_HOURS * 3_600_000,
  batchSize: config.PRUNE_BATCH_SIZE,
});
