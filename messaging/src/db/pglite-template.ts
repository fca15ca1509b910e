// An empty PGlite cluster written once (at image build time: services/Dockerfile runs
// messaging/scripts/write-pglite-template.ts) that a fresh data directory starts from, instead of
// running initdb in the service's process. initdb runs a second WebAssembly module beside PGlite's
// own: a pod's first start peaked at ~960 MB and was OOMKilled under its chart's 512 Mi, while a
// cluster resumed from files peaks at ~150 MB.
import { writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_OPTIONS } from "./pglite-options.ts";

/**
 * Runs initdb once, in memory, and writes the empty cluster to `path` (gzipped tar).
 * @example
 * await writeEmptyCluster("/app/pglite-empty.tgz");
 */
export async function writeEmptyCluster(path: string): Promise<void> {
  const pglite = await PGlite.create({ ...PGLITE_OPTIONS });
  const dump = await pglite.dumpDataDir("gzip");
  await pglite.close();
  writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
}
