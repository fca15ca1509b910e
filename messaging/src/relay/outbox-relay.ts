import { inArray, sql } from "drizzle-orm";
import type { Clock } from "../support/clock.ts";
import { createLogger, errorText, type Logger } from "../support/logger.ts";
import { startWakeableLoop } from "../support/wakeable-loop.ts";
import { yieldToEventLoop } from "../support/yield-to-event-loop.ts";
import type { Database } from "../db/database.ts";
import { rowsOf } from "../db/database.ts";
import { outbox } from "../db/tables.ts";
import { listenForWakeUps } from "../db/listen-for-wake-ups.ts";
import type { Metrics, MessagingMetrics } from "../metrics/metrics.ts";
import type { Message, Transport } from "../transports/transport.ts";
import { OUTBOX_CHANNEL } from "../outbox-writer.ts";
import { DEFAULT_RETENTION } from "../db/database-config.ts";
import { pruneMessages, type Retention } from "./prune-messages.ts";

export interface RelayOptions {
  database: Database;
  transport: Transport;
  clock: Clock;
  metrics: MessagingMetrics;
  registry?: Metrics;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (another process wrote, or LISTEN is unavailable). */
  pollMs?: number;
  /** Where the relay reports failures; the service's logger. */
  logger?: Logger;
  /** How long published outbox rows and inbox rows are kept; pruned once a minute by the relay's loop. */
  retention?: Retention;
  /** Called after a batch was published and before it is marked; fault tests stop here. */
  afterPublish?: (count: number) => Promise<void> | void;
}

export interface Relay {
  /** Publishes everything pending now; resolves with how many events went out. */
  drain(): Promise<number>;
  /** Deletes published outbox rows and inbox rows past the retention now; resolves with how many went. */
  prune(): Promise<{ outbox: number; inbox: number }>;
  stop(): Promise<void>;
}

interface RelayRow {
  id: number | string;
  event_id: string;
  topic: string;
  key: string;
  payload: unknown;
  headers: Record<string, string> | string;
  created_ms: number | string;
}

// One relay publishes at a time per database, so events leave in commit order and per-task order
// holds even with several replicas; the others stand by. The lock is per transaction.
const RELAY_LOCK = 7262022;
const PRUNE_EVERY_MS = 60_000;

/**
 * Publishes unpublished outbox rows in id order, in batches, then marks them. A crash between
 * publishing and marking publishes the batch again: delivery is at least once, and consumers'
 * inboxes absorb the repeats.
 * @example
 * const relay = startRelay({ database, transport, clock: systemClock, metrics });
 */
export function startRelay(options: RelayOptions): Relay {
  const { database, transport, clock, metrics } = options;
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 500;
  const retention = options.retention ?? DEFAULT_RETENTION;
  const log = options.logger ?? createLogger({ service: "outbox" });
  let stopped = false;
  let prunedAt = -Infinity;

  async function publishBatch(): Promise<number> {
    let failed: { ids: number[]; error: unknown } | undefined;
    try {
      return await lockAndPublish((ids, error) => void (failed = { ids, error }));
    } catch (error) {
      // The batch's transaction rolled back; the failure is written after it, in its own statement.
      if (failed)
        await recordPublishFailure(database, failed.ids, failed.error).catch((recordError: unknown) =>
          log.warn("outbox relay: could not record the failed publish", { error: recordError }),
        );
      throw error;
    }
  }

  async function lockAndPublish(onPublishFailed: (ids: number[], error: unknown) => void): Promise<number> {
    return database.db.transaction(async (tx) => {
      // The relay lock and the batch in one statement (the CTE runs once; without the lock, no
      // rows): one round trip less per batch, a tenth of commit-to-published at 1,000 events/s.
      const rows = rowsOf<RelayRow>(
        await tx.execute(sql`
          with relay_lock as (select pg_try_advisory_xact_lock(${RELAY_LOCK}) as locked)
          select o.id, o.event_id, o.topic, o.key, o.payload, o.headers, (extract(epoch from o.created_at) * 1000)::float8 as created_ms
          from outbox o, relay_lock
          where relay_lock.locked and o.published_at is null
          order by o.id
          limit ${batchSize}
          for update of o skip locked`),
      );
      if (rows.length === 0) return 0;
      // Raw rows: a driver may hand jsonb over as text or as parsed JSON.
      const messages: Message[] = rows.map((row) => ({
        topic: row.topic,
        key: row.key,
        value: typeof row.payload === "string" ? row.payload : JSON.stringify(row.payload),
        headers: {
          ...(typeof row.headers === "string"
            ? (JSON.parse(row.headers) as Record<string, string>)
            : row.headers),
          event_id: row.event_id,
          committed_at: new Date(Number(row.created_ms)).toISOString(),
        },
      }));
      const ids = rows.map((r) => Number(r.id));
      await transport.publish(messages).catch((error: unknown) => {
        onPublishFailed(ids, error);
        throw error;
      });
      await options.afterPublish?.(rows.length);
      await tx.update(outbox).set({ publishedAt: clock.now() }).where(inArray(outbox.id, ids));
      for (const m of messages) metrics.published.inc({ topic: m.topic });
      return rows.length;
    });
  }

  async function prune() {
    prunedAt = clock.now().getTime();
    return pruneMessages(database, clock.now(), retention);
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await publishBatch();
      total += n;
      if (n === 0 || stopped) return total;
      await yieldToEventLoop();
    }
  }

  // A NOTIFY that arrives while a drain runs makes the loop drain again at once instead of waiting
  // out the poll interval for a commit it was told about.
  const loop = startWakeableLoop({
    round: async () => {
      await drain();
      // Pruning rides on the relay's loop (no timer of its own), at most once a minute.
      if (clock.now().getTime() - prunedAt >= PRUNE_EVERY_MS)
        await prune().catch((error: unknown) =>
          log.warn("outbox relay: pruning failed, will retry in a minute", { error }),
        );
      return pollMs;
    },
    onError(error, failures) {
      // The broker or database is away: the rows stay, and the loop tries again with a growing pause.
      metrics.publishErrors.inc();
      if (failures === 1 || failures % 20 === 0)
        log.warn(`outbox relay: publish failed (${failures}x), will retry`, { error });
    },
  });
  const wakeUps = listenForWakeUps(
    database,
    OUTBOX_CHANNEL,
    loop.poke,
    `outbox relay: LISTEN unavailable, polling every ${pollMs} ms`,
    log,
  );

  if (options.registry) {
    const registry = options.registry;
    // One query per scrape feeds both gauges.
    let now = { backlog: 0, ageSeconds: 0 };
    const backlog = registry.gauge("outbox_backlog", "unpublished outbox rows", async () => [
      { value: now.backlog },
    ]);
    const age = registry.gauge(
      "outbox_oldest_age_seconds",
      "age of the oldest unpublished outbox row",
      async () => [{ value: now.ageSeconds }],
    );
    registry.onScrape(async () => {
      const [row] = rowsOf<{ n: number; oldest: string | Date | null }>(
        await database.db.execute(
          sql`select count(*)::int as n, min(created_at) as oldest from outbox where published_at is null`,
        ),
      );
      now = {
        backlog: row?.n ?? 0,
        ageSeconds: row?.oldest
          ? Math.max(0, (clock.now().getTime() - new Date(row.oldest).getTime()) / 1000)
          : 0,
      };
      await Promise.all([backlog.refresh(), age.refresh()]);
    });
  }

  return {
    drain,
    prune,
    async stop() {
      stopped = true;
      await loop.stop();
      await wakeUps.stop();
    },
  };
}

/**
 * Counts a failed publish on the batch's rows and keeps its error (query parameters cut), after the
 * batch's transaction rolled back: what an operator reads to find a message that will not leave.
 */
async function recordPublishFailure(database: Database, ids: number[], error: unknown): Promise<void> {
  if (ids.length === 0) return;
  const message = errorText(error).slice(0, 2000);
  await database.db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: message })
    .where(inArray(outbox.id, ids));
}
