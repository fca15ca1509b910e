import { eq, min } from "drizzle-orm";
import type { Database } from "@todo/outbox/db";
import type { Clock } from "@todo/outbox/runtime";
import { listenForWakeUps } from "@todo/outbox/db";
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
export function startEmbeddedScheduler(deps: { database: Database; clock: Clock; settings: FireSettings; onFired?: (count: number) => void }): Scheduler {
  const { database, clock, settings } = deps;
  let stopped = false;
  let wake: (() => void) | undefined;
  // A poke while the loop is busy is remembered, so the loop looks again instead of sleeping.
  let poked = false;
  const poke = () => {
    poked = true;
    wake?.();
  };
  const unsubscribe = clock.onJump?.(poke);
  const wakeUps = listenForWakeUps(database, JOBS_CHANNEL, poke, `scheduler: LISTEN unavailable, checking every ${MAX_SLEEP_MS} ms`);

  async function msUntilNextDue(): Promise<number> {
    const [row] = await database.db.select({ next: min(jobs.dueAt) }).from(jobs).where(eq(jobs.status, "scheduled"));
    if (!row?.next) return MAX_SLEEP_MS;
    return Math.max(0, Math.min(MAX_SLEEP_MS, new Date(row.next).getTime() - clock.now().getTime()));
  }

  async function loop() {
    let failures = 0;
    while (!stopped) {
      let pause: number;
      poked = false;
      try {
        await fireDueJobs({ ...deps, stopped: () => stopped });
        pause = await msUntilNextDue();
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 20 === 0) console.warn(`scheduler: could not fire due jobs (${failures}x), will retry: ${(error as Error).message}`);
        pause = Math.min(100 * 2 ** failures, 10_000);
      }
      if (pause > 0 && !stopped && !poked) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pause);
          wake = () => {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          };
        });
      }
    }
  }
  const looping = loop();

  return {
    kind: "embedded",
    poke,
    async stop() {
      stopped = true;
      poke();
      unsubscribe?.();
      await looping;
      await wakeUps.stop();
    },
  };
}
