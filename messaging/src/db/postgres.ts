import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { sql } from "drizzle-orm";
import type { Logger } from "../support/logger.ts";
import type { Database, Db } from "./database.ts";
import { listenWithReconnect } from "./pg-listen.ts";

/**
 * PostgreSQL through node-postgres. (postgres.js, used before, wrote to a closed socket under Bun
 * when the server restarted: an uncaught TypeError, and queries that never settled.) A pooled
 * client the server drops is discarded by the pool; its error is logged here, not thrown.
 */
export async function openPostgres(
  url: string,
  migrationsFolder: string,
  poolSize: number,
  logger: Logger,
): Promise<Database> {
  await migrateOnce(url, migrationsFolder);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  pool.on("error", (error) => logger.warn("postgres: an idle connection failed and was dropped", { error }));
  // A connection lost while checked out fails its query (the caller sees that); the event itself
  // must not go unheard, or it would end the process.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = drizzle({ client: pool }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    listen: (channel, onNotify) => listenWithReconnect(url, channel, onNotify),
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => pool.end(),
  };
}

// Several replicas may start at once; a session advisory lock on one dedicated connection makes
// them apply migrations one at a time (drizzle's migrator opens its own transaction).
async function migrateOnce(url: string, migrationsFolder: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // the query that failed reports it
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(7262021)");
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.end();
  }
}
