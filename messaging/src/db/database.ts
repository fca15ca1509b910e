import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/** A drizzle database or a transaction on one; functions that write accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type DatabaseKind = "pglite" | "postgres" | "neon";

/**
 * The one small port every service's persistence goes through. Three adapters implement it:
 * PGlite (embedded, the default), PostgreSQL (node-postgres) and Neon's serverless driver.
 */
export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Calls `onNotify` for each NOTIFY on `channel`; returns a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Runs `select 1`; throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Normalises what `db.execute()` returns across drivers (an array, or `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
