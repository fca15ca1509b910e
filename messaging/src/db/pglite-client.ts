import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "../support/logger.ts";
import { PGLITE_OPTIONS } from "./pglite-options.ts";

/**
 * Opens PGlite under `dataDir` (undefined keeps it in memory). A directory without a cluster
 * starts from `template` (an empty cluster, pglite-template.ts) when one is given and exists, and
 * runs initdb otherwise; a template that is named but missing is logged, since initdb then runs
 * in the process (~960 MB at its peak) where the operator expected it not to.
 * @example
 * const pglite = await createPglite(".data/db", process.env.PGLITE_TEMPLATE, logger);
 */
export async function createPglite(
  dataDir: string | undefined,
  template: string | undefined,
  logger: Logger,
): Promise<PGlite> {
  if (!dataDir) return PGlite.create({ ...PGLITE_OPTIONS });
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(join(dataDir, "PG_VERSION"));
  const templateFound = template !== undefined && existsSync(template);
  if (fresh && template && !templateFound)
    logger.warn(`PGLITE_TEMPLATE ${template} does not exist: running initdb for ${dataDir} in this process`);
  const loadDataDir = fresh && templateFound ? Bun.file(template) : undefined;
  return PGlite.create({ ...PGLITE_OPTIONS, dataDir, loadDataDir });
}
