// Writes the empty PGlite cluster a fresh embedded database starts from (PGLITE_TEMPLATE); the
// service images run it at build time (services/Dockerfile).
// Usage: bun messaging/scripts/write-pglite-template.ts <file.tgz>
import { writeEmptyCluster } from "../src/db/pglite-template.ts";

const path = process.argv[2];
if (!path) throw new Error("usage: bun messaging/scripts/write-pglite-template.ts <file.tgz>");
await writeEmptyCluster(path);
console.log(`wrote an empty PGlite cluster to ${path}`);
