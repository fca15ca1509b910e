import { eq, min } from "drizzle-orm";
import type { Database } from "@todo/messaging/db";
import { startWakeableLoop } from "@todo/messaging";
import { listenForWakeUps } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { jobs } from "../db/schema.ts";
import { fireDueJobs, type FireSettings } from "./fire-job.ts";
import type { Scheduler } from "./scheduler.ts";

export const JOBS_CHANNEL = "jobs";
// Sleep at most this long even with nothing due: a cheap guard against a missed wake-up.
const MAX_SLEEP_MS = 30_000;

/**
 * A durable scheduler on the service's own database: it sleeps until the next due job, fires due
 * jobs through `fireDueJobs` (claimed with SKIP LOCKED: several replicas never fire one job twice), and after a restart finds whatever fell due while it was down.
 */
export function startEmbeddedScheduler(deps: {
  database: Database;
  clock: Clock;
  settings: FireSettings;
  onFired?: (count: number) => void;
}): Scheduler {
  const { database, clock, settings } = deps;
  let stopped = false;
  // A poke while the loop is busy (a NOTIFY on jobs, a clock jump) makes it look again instead of sleeping.
  const loop = startWakeableLoop({
    round: async () => {
      await fireDueJobs({ ...deps, stopped: () => stopped });
      return msUntilNextDue();
    },
    onError(error, failures) {
      if (failures === 1 || failures % 20 === 0)
        settings.logger.warn(`scheduler: could not fire due jobs (${failures}x), will retry`, { error });
    },
  });
  const unsubscribe = clock.onJump?.(loop.poke);
  const wakeUps = listenForWakeUps(
    database,
    JOBS_CHANNEL,
    loop.poke,
    `scheduler: LISTEN unavailable, checking every ${MAX_SLEEP_MS} ms`,
    settings.logger,
  );

  async function msUntilNextDue(): Promise<number> {
    const [row] = await database.db
      .select({ next: min(jobs.dueAt) })
      .from(jobs)
      .where(eq(jobs.status, "scheduled"));
    if (!row?.next) return MAX_SLEEP_MS;
    return Math.max(0, Math.min(MAX_SLEEP_MS, new Date(row.next).getTime() - clock.now().getTime()));
  }

  return {
    kind: "embedded",
    poke: loop.poke,
    async stop() {
      stopped = true;
      unsubscribe?.();
      await loop.stop();
      await wakeUps.stop();
    },
  };
}
