import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "../db/database.ts";
import { yieldToEventLoop } from "../support/yield-to-event-loop.ts";

/** How long handled messages are kept, and how many rows one delete statement removes. */
export interface Retention {
  /** Published outbox rows older than this (by `published_at`) are deleted. */
  outboxMs: number;
  /**
   * Inbox rows older than this (by `handled_at`) are deleted. An event redelivered after its row
   * is gone would be handled again, so this must outlast every redelivery: the broker's topic
   * retention (Kafka's default is 7 days) and any replay from the start of a topic.
   */
  inboxMs: number;
  /** Rows per delete: short statements, so writers and the relay never wait long on them. */
  batchSize: number;
}

/**
 * Deletes published outbox rows and inbox rows older than the retention, one bounded batch per
 * statement until a batch comes back short. An outbox row's age is by `now` (the service's clock
 * wrote `published_at`); an inbox row's by the database's own time, which wrote `handled_at`, so
 * a test clock moved weeks ahead never shortens the window in which a redelivery is a duplicate. Unpublished rows are never touched. Each batch is its
 * own statement outside the relay lock, so several replicas pruning at once only share the work.
 * @example
 * const { outbox, inbox } = await pruneMessages(database, clock.now(), { outboxMs: 86_400_000, inboxMs: 14 * 86_400_000, batchSize: 1000 });
 */
export async function pruneMessages(
  database: Database,
  now: Date,
  retention: Retention,
): Promise<{ outbox: number; inbox: number }> {
  const outboxCutoff = new Date(now.getTime() - retention.outboxMs).toISOString();
  const limit = retention.batchSize;
  const outboxRows = await deleteInBatches(
    database,
    limit,
    sql`
    delete from outbox where id in (
      select id from outbox where published_at is not null and published_at < ${outboxCutoff}::timestamptz
      order by id limit ${limit} for update skip locked)
    returning 1 as gone`,
  );
  const inboxRows = await deleteInBatches(
    database,
    limit,
    sql`
    delete from inbox where (consumer, event_id) in (
      select consumer, event_id from inbox where handled_at < now() - ${retention.inboxMs} * interval '1 millisecond'
      limit ${limit} for update skip locked)
    returning 1 as gone`,
  );
  return { outbox: outboxRows, inbox: inboxRows };
}

async function deleteInBatches(
  database: Database,
  batchSize: number,
  statement: ReturnType<typeof sql>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = rowsOf(await database.db.execute(statement)).length;
    total += deleted;
    if (deleted < batchSize) return total;
    await yieldToEventLoop();
  }
}
