import type { Logger } from "../support/logger.ts";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./database.ts";
import { withRawParsersInstalled } from "./pglite-raw-parsers.ts";
import type { SharedPglite } from "./pglite-shared.ts";
import { createPglite } from "./pglite-client.ts";
import { analyzeStaleTables, keepPlannerStatisticsFresh } from "./planner-statistics.ts";

// How often the embedded database checks whether a table changed enough to analyze it again.
const STATISTICS_EVERY_MS = 10_000;

/** The process's one PGlite and the schema this service keeps its tables in. */
export interface PgliteSchema {
  pglite: SharedPglite;
  schema: string;
}

/**
 * Embedded Postgres in WebAssembly: an instance of its own under `dataDir` (undefined keeps it in
 * memory, for tests; a fresh directory starts from `template`, an empty cluster, when given), or,
 * given `shared`, the process's one instance with this service's tables in their own schema.
 */
export async function openPglite(
  dataDir: string | undefined,
  migrationsFolder: string,
  shared: PgliteSchema | undefined,
  logger: Logger,
  template?: string,
): Promise<Database> {
  const client = shared
    ? shared.pglite.scopedTo(shared.schema)
    : await createPglite(dataDir, template, logger);
  // Its pages are in this process's memory, so a random read costs what a sequential one does.
  // At the default 4 the planner scanned all 10,000 tasks with ILIKE (350 ms) instead of the
  // trigram index (20 ms) for a keyword; 1.1 is the usual setting for data held in memory.
  await client.exec("set random_page_cost = 1.1");
  const db = drizzle({ client: withRawParsersInstalled(client) }) as unknown as Db;
  if (shared) await migrateIntoSchema(drizzle({ client }), migrationsFolder, shared.schema);
  else await migrate(drizzle({ client }), { migrationsFolder });
  await analyzeStaleTables(db);
  const statistics = keepPlannerStatisticsFresh(db, STATISTICS_EVERY_MS, logger);
  return {
    kind: "pglite",
    db,
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    ping: async () => void (await db.execute(sql`select 1`)),
    close: async () => {
      await statistics.stop();
      // The shared instance belongs to the process, which closes it after every service.
      if (!shared) await client.close();
    },
  };
}

/**
 * Applies the service's committed migrations inside its schema, journal included. drizzle-kit
 * writes foreign keys and enum types as "public"."name"; here they name the service's schema, so
 * nothing of one service lands where another could see it.
 */
async function migrateIntoSchema(
  db: ReturnType<typeof drizzle>,
  migrationsFolder: string,
  schema: string,
): Promise<void> {
  const quoted = `"${schema.replace(/"/g, '""')}".`;
  const migrations = readMigrationFiles({ migrationsFolder }).map((migration) => ({
    ...migration,
    sql: migration.sql.map((statement) => statement.replaceAll('"public".', quoted)),
  }));
  const internals = db as unknown as {
    dialect: { migrate(m: unknown, s: unknown, c: unknown): Promise<void> };
    session: unknown;
  };
  await internals.dialect.migrate(migrations, internals.session, {
    migrationsFolder,
    migrationsSchema: schema,
  });
}
