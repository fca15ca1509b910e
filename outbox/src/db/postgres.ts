import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./database.ts";

export async function openPostgres(url: string, migrationsFolder: string, poolSize: number): Promise<Database> {
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const orm = drizzle({ client });
  await migrateOnce(orm, migrationsFolder);
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

// Several replicas may start at once; an advisory lock makes them apply migrations one at a time.
async function migrateOnce(orm: ReturnType<typeof drizzle>, migrationsFolder: string): Promise<void> {
  await orm.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7262021)`);
    await migrate(tx as unknown as typeof orm, { migrationsFolder });
  });
}
