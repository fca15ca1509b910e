// An empty PGlite cluster written once (at image build time: services/Dockerfile) that a fresh
// data directory starts from, instead of running initdb in the service's process. initdb runs a
// second WebAssembly module beside PGlite's own: a pod's first start peaked at ~960 MB and was
// OOMKilled under its chart's 512 Mi, while a cluster resumed from files peaks at ~150 MB.
// Usage: bun messaging/src/db/pglite-template.ts <file.tgz>
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_OPTIONS } from "./pglite-options.ts";

/**
 * Opens PGlite under `dataDir` (undefined keeps it in memory). A directory without a cluster
 * starts from `template` when one is given and exists, and runs initdb otherwise.
 */
export async function createPglite(dataDir: string | undefined, template?: string): Promise<PGlite> {
  if (!dataDir) return PGlite.create({ ...PGLITE_OPTIONS });
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(join(dataDir, "PG_VERSION"));
  const loadDataDir = fresh && template && existsSync(template) ? Bun.file(template) : undefined;
  return PGlite.create({ ...PGLITE_OPTIONS, dataDir, loadDataDir });
}

/** Runs initdb once, in memory, and writes the empty cluster to `path` (gzipped tar). */
export async function writeEmptyCluster(path: string): Promise<void> {
  const pglite = await PGlite.create({ ...PGLITE_OPTIONS });
  const dump = await pglite.dumpDataDir("gzip");
  await pglite.close();
  writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
}

// No top-level await: drizzle-kit bundles the services' schemas (which reach this file) as CommonJS.
if (import.meta.main) {
  const path = process.argv[2];
  if (!path) throw new Error("usage: bun messaging/src/db/pglite-template.ts <file.tgz>");
  void writeEmptyCluster(path).then(() => console.log(`wrote an empty PGlite cluster to ${path}`));
}
