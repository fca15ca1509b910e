import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./database.ts";

export async function openPostgres(url: string, migrationsFolder: string, poolSize: number): Promise<Database> {
  await migrateOnce(url, migrationsFolder);
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const orm = drizzle({ client });
  const db = orm as unknown as Db;
  return {
    kind: "postgres",
    db,
    listen: async (channel, onNotify) => {
      const { unlisten } = await client.listen(channel, (payload) => onNotify(payload));
      return unlisten;
    },
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.end({ timeout: 5 }),
  };
}

// Several replicas may start at once; a session advisory lock on one dedicated connection makes
// them apply migrations one at a time (drizzle's migrator opens its own transaction).
async function migrateOnce(url: string, migrationsFolder: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(7262021)`;
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}
