import { join } from "node:path";
import type { Database, DatabaseKind } from "./database.ts";
import type { PgliteSchema } from "./pglite.ts";
import { createLogger, type Logger } from "../support/logger.ts";

export * from "./database.ts";
export {
  DatabaseConfigSchema,
  retentionOf,
  type DatabaseConfig as DatabaseSettings,
} from "./database-config.ts";
export { inbox, outbox } from "./tables.ts";

export interface DatabaseConfig {
  /** `postgres://…` for PostgreSQL or Neon; empty for the embedded PGlite. */
  url?: string;
  /** `auto` picks Neon for `*.neon.tech` hosts, PostgreSQL for other URLs, PGlite without one. */
  driver: "auto" | DatabaseKind;
  /** PGlite's data directory; undefined keeps it in memory. */
  dataDir?: string;
  /** An empty PGlite cluster (pglite-template.ts) a fresh `dataDir` starts from instead of running initdb. */
  pgliteTemplate?: string;
  migrationsFolder: string;
  poolSize?: number;
  neonWsProxy?: string;
  /** The process's one PGlite and this service's schema in it (embedded default); else its own under `dataDir`. */
  sharedPglite?: PgliteSchema;
  /** Where the adapter reports what it survives (a dropped idle connection); the service's logger. */
  logger?: Logger;
}

export function chooseDriver(config: Pick<DatabaseConfig, "url" | "driver">): DatabaseKind {
  if (config.driver !== "auto") return config.driver;
  if (!config.url) return "pglite";
  return new URL(config.url).hostname.endsWith(".neon.tech") ? "neon" : "postgres";
}

/**
 * Opens the service's database with the adapter the configuration asks for and applies the
 * service's committed migrations (applying them twice is harmless).
 * @example
 * const database = await openDatabase({ driver: "auto", dataDir: ".data/backend", migrationsFolder });
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const kind = chooseDriver(config);
  const poolSize = config.poolSize ?? 10;
  const logger = config.logger ?? createLogger({ service: "database" });
  if (kind !== "pglite" && !config.url) throw new Error(`DATABASE_URL is required for the ${kind} driver`);
  switch (kind) {
    case "pglite":
      return (await import("./pglite.ts")).openPglite(
        config.dataDir,
        config.migrationsFolder,
        config.sharedPglite,
        logger,
        config.pgliteTemplate,
      );
    case "postgres":
      return (await import("./postgres.ts")).openPostgres(
        config.url!,
        config.migrationsFolder,
        poolSize,
        logger,
      );
    case "neon":
      return (await import("./neon.ts")).openNeon(config.url!, config.migrationsFolder, {
        wsProxy: config.neonWsProxy,
        poolSize,
        logger,
      });
    default: {
      const never: never = kind;
      throw new Error(`unknown database driver ${String(never)}`);
    }
  }
}

export const migrationsFolderOf = (serviceDir: string) => join(serviceDir, "drizzle");
export { listenForWakeUps, notifyWakeUp } from "./listen-for-wake-ups.ts";
export { openSharedPglite, type SharedPglite } from "./pglite-shared.ts";
export { asSharedRead, isSharedRead } from "./shared-reads.ts";
export { writeEmptyCluster } from "./pglite-template.ts";
export type { PgliteSchema } from "./pglite.ts";
export { analyzeStaleTables, keepPlannerStatisticsFresh } from "./planner-statistics.ts";
