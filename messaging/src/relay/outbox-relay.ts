import { DEFAULT_RETENTION } from "../db/database-config.ts";
import type { Database } from "../db/database.ts";
import { listenForWakeUps } from "../db/listen-for-wake-ups.ts";
import type { MessagingMetrics, Metrics } from "../metrics/metrics.ts";
import { OUTBOX_CHANNEL } from "../outbox-writer.ts";
import type { Clock } from "../support/clock.ts";
import { batchSize, inBackground } from "../support/background.ts";
import { createLogger, type Logger } from "../support/logger.ts";
import { startWakeableLoop } from "../support/wakeable-loop.ts";
import { yieldToEventLoop } from "../support/yield-to-event-loop.ts";
import type { Transport } from "../transports/transport.ts";
import { registerOutboxGauges } from "./outbox-gauges.ts";
import { pruneMessages, type Retention } from "./prune-messages.ts";
import { type PublishStep, publishBatch } from "./publish-pending.ts";

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

const PRUNE_EVERY_MS = 60_000;
// Rows a relay batch takes while requests use the embedded database (`batchSize`).
const BATCH_WITH_REQUESTS = 25;

/** Whether the relay's loop prunes in this round: at most once a minute (by the service's clock). */
export const pruneDue = (nowMs: number, prunedAtMs: number) => nowMs - prunedAtMs >= PRUNE_EVERY_MS;

/**
 * Publishes unpublished outbox rows in id order, in batches, then marks them. A crash between
 * publishing and marking publishes the batch again: delivery is at least once, and consumers'
 * inboxes absorb the repeats. The loop here only decides when: a drain at every NOTIFY or poll,
 * pruning at most once a minute; `publishBatch` and `pruneMessages` do the work.
 * @example
 * const relay = startRelay({ database, transport, clock: systemClock, metrics });
 */
export function startRelay(options: RelayOptions): Relay {
  const { database, clock, metrics } = options;
  const pollMs = options.pollMs ?? 500;
  const retention = options.retention ?? DEFAULT_RETENTION;
  const log = options.logger ?? createLogger({ service: "outbox" });
  const step: PublishStep = { ...options, log, batchSize: options.batchSize ?? 500 };
  let stopped = false;
  let prunedAt = -Infinity;

  async function prune() {
    prunedAt = clock.now().getTime();
    return pruneMessages(database, clock.now(), retention);
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await inBackground(() =>
        publishBatch({ ...step, batchSize: batchSize(step.batchSize, BATCH_WITH_REQUESTS) }),
      );
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
      // Pruning rides on the relay's loop (no timer of its own).
      if (pruneDue(clock.now().getTime(), prunedAt))
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
  if (options.registry) registerOutboxGauges(options.registry, database, clock);

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
