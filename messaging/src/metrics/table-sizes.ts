import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../db/database.ts";
import type { Metrics } from "./metrics.ts";

export interface TableSize {
  table: string;
  /** the planner's row count (see `tableSizes`): an estimate, not a count */
  rows: number;
  /** the table with its indexes and TOAST, on disk (or in the embedded database's files) */
  bytes: number;
}

/**
 * The size of every table in the caller's own schemas (outbox, inbox and the service's own), from
 * the catalogue only, never a scan: rows are `pg_class.reltuples`, the planner's count as of the
 * last ANALYZE (autovacuum keeps it fresh on PostgreSQL; on PGlite the embedded analyzer in
 * planner-statistics.ts does, on the same rule), or the statistics' live-row count
 * (`n_live_tup`) for a table never analyzed; bytes are `pg_total_relation_size`. The same query on
 * both, since PGlite is PostgreSQL.
 */
export async function tableSizes(db: Db): Promise<TableSize[]> {
  const rows = rowsOf<{ table: string; rows: number | string; bytes: number | string }>(
    await db.execute(sql`
      select c.relname as "table",
        (case when c.reltuples >= 0 then c.reltuples else coalesce(s.n_live_tup, 0) end)::float8 as rows,
        pg_total_relation_size(c.oid)::float8 as bytes
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_stat_user_tables s on s.relid = c.oid
      where c.relkind = 'r' and n.nspname = any(current_schemas(false))
      order by c.relname`),
  );
  return rows.map((row) => ({ table: row.table, rows: Number(row.rows), bytes: Number(row.bytes) }));
}

/**
 * `db_table_rows_estimate{table}` and `db_table_bytes{table}` at `/metrics`, read by one catalogue
 * query per scrape: a table that grows without end (an outbox nobody prunes) shows on a graph.
 */
export function watchTableSizes(registry: Metrics, db: Db): void {
  let sizes: TableSize[] = [];
  const rows = registry.gauge(
    "db_table_rows_estimate",
    "rows per table of this service, as the planner estimates them (pg_class.reltuples; n_live_tup before the first ANALYZE)",
    async () => sizes.map((s) => ({ labels: { table: s.table }, value: s.rows })),
  );
  const bytes = registry.gauge(
    "db_table_bytes",
    "bytes per table of this service, indexes and TOAST included (pg_total_relation_size)",
    async () => sizes.map((s) => ({ labels: { table: s.table }, value: s.bytes })),
  );
  registry.onScrape(async () => {
    sizes = await tableSizes(db);
    await Promise.all([rows.refresh(), bytes.refresh()]);
  });
}
