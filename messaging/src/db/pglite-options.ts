import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * How every embedded database is created. PostgreSQL's default 128 MB of shared buffers (PGlite
 * raises it to 160 MB) live in the WebAssembly heap, which never shrinks: an instance resumed
 * from disk held 272 MB resident with them and 147 MB with 16 MB. Pages beyond the buffers come
 * from the operating system's cache of the data files, which the kernel can give back.
 */
export const PGLITE_OPTIONS: PGliteOptions = {
  extensions: { pg_trgm },
  startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB", "-c", "wal_buffers=1MB"],
};
