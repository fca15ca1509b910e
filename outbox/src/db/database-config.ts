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
    Type.String({ description: "an empty PGlite cluster (outbox/src/db/pglite-template.ts) a fresh embedded database starts from instead of running initdb in the process; the images set it (initdb peaked at ~960 MB)" }),
  ),
  NEON_WS_PROXY: Type.Optional(Type.String({ description: "host:port/path of a Neon WebSocket proxy (local testing of the Neon driver)" })),
});
export type DatabaseConfig = Static<typeof DatabaseConfigSchema>;
