import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./database.ts";
import { withRawParsersInstalled } from "./pglite-raw-parsers.ts";
import { analyzeStaleTables, keepPlannerStatisticsFresh } from "./planner-statistics.ts";

// How often the embedded database checks whether a table changed enough to analyze it again.
const STATISTICS_EVERY_MS = 10_000;

/** Embedded Postgres in WebAssembly; `dataDir` undefined keeps everything in memory (tests). */
export async function openPglite(dataDir: string | undefined, migrationsFolder: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  // Its pages are in this process's memory, so a random read costs what a sequential one does.
  // At the default 4 the planner scanned all 10,000 tasks with ILIKE (350 ms) instead of the
  // trigram index (20 ms) for a keyword; 1.1 is the usual setting for data held in memory.
  await client.exec("set random_page_cost = 1.1");
  const db = drizzle({ client: withRawParsersInstalled(client) }) as unknown as Db;
  await migrate(drizzle({ client }), { migrationsFolder });
  await analyzeStaleTables(db);
  const statistics = keepPlannerStatisticsFresh(db, STATISTICS_EVERY_MS);
  return {
    kind: "pglite",
    db,
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    ping: async () => void (await db.execute(sql`select 1`)),
    close: async () => {
      await statistics.stop();
      await client.close();
    },
  };
}
