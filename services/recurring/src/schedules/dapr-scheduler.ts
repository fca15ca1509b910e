import type { Database } from "@todo/messaging/db";
import { startWakeableLoop } from "@todo/messaging";
import { listenForWakeUps } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { createJobCallback } from "./dapr-job-callback.ts";
import { createJobSync } from "./dapr-job-sync.ts";
import { daprJobsClient } from "./dapr-jobs-client.ts";
import { JOBS_CHANNEL } from "./embedded-scheduler.ts";
import type { FireSettings } from "./fire-job.ts";
import type { Scheduler } from "./scheduler.ts";

export interface DaprSchedulerOptions {
  database: Database;
  clock: Clock;
  settings: FireSettings;
  /** The sidecar's HTTP API, e.g. `http://127.0.0.1:3500`. */
  daprHttpUrl: string;
  onFired?: (count: number) => void;
  /** Fallback wake-up when no NOTIFY arrives; also how often overdue jobs are looked for. Default 30 s. */
  pollMs?: number;
  /** Per request to the sidecar; default 5 s. */
  fetchTimeoutMs?: number;
}

/**
 * Fires jobs through the Dapr Jobs API. The `jobs` table stays the truth; this adapter keeps Dapr
 * in step with it like an outbox: each unsynced row is pushed to the sidecar (a one-shot job at
 * `due_at` for a scheduled row, a delete otherwise) and then marked synced. Dapr calls back
 * `POST /job/<name>` at the due time, and the callback runs `fireJob`, which is idempotent, so a
 * repeated or stale trigger changes nothing. The parts: the sidecar's Jobs API
 * (`dapr-jobs-client.ts`), the sync of the table to it (`dapr-job-sync.ts`) and the callback
 * (`dapr-job-callback.ts`); this function wires them to one loop and one stop.
 *
 * - Start-up: jobs that fell due while nobody listened are fired here right away (the grace rule
 *   decides fired or missed), and every scheduled job is registered again.
 * - A trigger that arrives before the service's clock says the job is due ("not-due": Dapr's clock
 *   ahead of ours) is held up to a second and tried again; if still not due, the row is marked
 *   unsynced, so the job is registered again, no earlier than the service's clock reaches it.
 * - Dapr follows real time. A test clock (`clock.onJump`) does not move Dapr: on a jump the adapter
 *   fires whatever is due by the moved clock itself; Dapr's later trigger finds it done.
 * - While the sidecar cannot be reached, due jobs are fired here (retrying with backoff up to 10 s);
 *   a job still scheduled 30 s after its due time (Dapr lost or dropped it) is fired here too.
 * @example
 * const scheduler = startDaprScheduler({ database, clock, settings, daprHttpUrl: "http://127.0.0.1:3500" });
 * Bun.serve({ fetch: async (req) => (await scheduler.handleHttp!(req)) ?? new Response(null, { status: 404 }) });
 */
export function startDaprScheduler(options: DaprSchedulerOptions): Scheduler {
  const { database, clock, settings, onFired } = options;
  // Constant messages; what varies goes in fields, and `scheduler` tells these lines from the embedded one's.
  const log = settings.logger.child({ scheduler: "dapr" });
  const pollMs = options.pollMs ?? 30_000;
  const client = daprJobsClient({
    daprHttpUrl: options.daprHttpUrl,
    timeoutMs: options.fetchTimeoutMs ?? 5_000,
  });
  let stopped = false;
  const isStopped = () => stopped;
  const sync = createJobSync({ database, clock, settings, client, log, onFired, stopped: isStopped });

  const loop = startWakeableLoop({
    async round(failures) {
      await sync.syncOnce(failures > 0);
      if (failures > 0) log.info("jobs in sync again", { failed_attempts: failures });
      return pollMs;
    },
    onError(error, failures) {
      // The sidecar (or the database) is away: the rows stay unsynced; say so once per streak.
      if (failures === 1) log.warn("could not sync jobs, retrying with backoff", { error });
    },
  });
  const poke = loop.poke;
  const unsubscribe = clock.onJump?.(() => {
    sync.clockJumped();
    poke();
  });
  const wakeUps = listenForWakeUps(
    database,
    JOBS_CHANNEL,
    poke,
    "LISTEN unavailable, syncing on the poll interval",
    log.child({ poll_ms: pollMs }),
  );
  const callback = createJobCallback({ database, clock, settings, log, onFired, poke, stopped: isStopped });

  return {
    kind: "dapr",
    poke,
    handleHttp: callback.handleHttp,
    async stop() {
      stopped = true;
      unsubscribe?.();
      await loop.stop();
      await callback.settle();
      await wakeUps.stop();
    },
  };
}
