import type { Logger } from "../support/logger.ts";
import { getTableName, sql } from "drizzle-orm";
import { rowsOf, type Db } from "./database.ts";
import { inBackground, shouldDefer } from "../support/background.ts";
import { inbox, outbox } from "./tables.ts";

// The messaging tables are queues read only through their indexes (unpublished rows, event ids,
// the retention cut-off): a small sample plans them as well. The default target samples 30,000
// rows, the outbox's JSON payloads with them, into PGlite's WebAssembly heap, which never gives
// memory back: analyzing the outbox after 10,000 tasks left 14 MB more resident, 10 leaves 4.
const QUEUE_TABLES = new Set<string>([getTableName(outbox), getTableName(inbox)]);
const QUEUE_STATISTICS_TARGET = 10;

/**
 * Analyzes every table changed by more than a tenth (plus 50 rows) since its last ANALYZE, the
 * rule autovacuum follows on PostgreSQL; returns the tables it analyzed. PGlite runs no
 * autovacuum, and without statistics the planner guesses 45 rows for a user's tasks and sorts
 * a bitmap scan of all of them instead of walking the index: a page of 50 took 12 ms instead of
 * 1 ms at 10,000 tasks, keyword search 20 ms instead of 2. Only the caller's own schemas: when
 * services share one embedded database, each looks after its own tables.
 * Like autovacuum's analyze, it also merges the table's GIN indexes' pending lists: new rows wait
 * there, unsorted, until 4 MB of them pile up, and every search through the index reads the whole
 * list. After 10,000 tasks the full-text index's list held 273 pages, read by every keyword search.
 * @example
 * await analyzeStaleTables(database.db); // ["tasks"] right after a burst of inserts
 */
export async function analyzeStaleTables(db: Db): Promise<string[]> {
  // Counters reach the shared statistics only at a transaction's end, and lazily: flush first.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const stale = rowsOf<{ relid: string; relname: string; schemaname: string }>(
    await db.execute(sql`
      select s.relid::text as relid, s.schemaname, s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) and s.schemaname = any(current_schemas(false))`),
  );
  for (const table of stale) {
    const name = sql`${sql.identifier(table.schemaname)}.${sql.identifier(table.relname)}`;
    if (QUEUE_TABLES.has(table.relname))
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local default_statistics_target = ${QUEUE_STATISTICS_TARGET}`));
        await tx.execute(sql`analyze ${name}`);
      });
    else await db.execute(sql`analyze ${name}`);
    await db.execute(sql`
      select gin_clean_pending_list(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
      where i.indrelid = ${table.relid}::oid and a.amname = 'gin'`);
  }
  return stale.map((table) => table.relname);
}

// An ANALYZE is one statement a request arriving meanwhile waits behind: while requests are
// about, rounds wait for a quiet moment, at most a minute.
const MAX_DEFER_MS = 60_000;

/**
 * Runs `analyzeStaleTables` every `everyMs` until stopped (the embedded database's
 * stand-in for autovacuum), skipping rounds while requests are about (`shouldDefer`). A failed
 * round is logged and the next one tries again.
 */
export function keepPlannerStatisticsFresh(
  db: Db,
  everyMs: number,
  logger: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let lastRunAt = performance.now();
  const round = () => {
    if (shouldDefer(lastRunAt, MAX_DEFER_MS)) return;
    lastRunAt = performance.now();
    running = inBackground(() => analyzeStaleTables(db)).catch((error: unknown) =>
      logger.warn("planner statistics: analyze failed, will try again", { error }),
    );
  };
  const timer = setInterval(round, everyMs);
  timer.unref?.();
  return {
    // Waits for a round in flight, so the database is not closed under it.
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
