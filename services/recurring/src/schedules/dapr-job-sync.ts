import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";
import { jobs, type JobRow } from "../db/schema.ts";
import type { DaprJobsClient } from "./dapr-jobs-client.ts";
import { fireDueJobs, type FireSettings } from "./fire-job.ts";

const BATCH = 100;
const PUSH_CONCURRENCY = 8;
// A job still scheduled this long after its due time was not delivered by Dapr (its scheduler lost
// it, or gave up): the adapter fires it itself, through the same fireJob path.
export const OVERDUE_MS = 30_000;

/** What Dapr should hold for one row of `jobs`: a one-shot job for a scheduled row, nothing otherwise. */
export type DaprJobState = { kind: "scheduled"; dueTime: Date } | { kind: "absent" };

/**
 * Dapr fires at real time (`realNow`). When the service's clock (`now`) is behind real time (a test
 * clock set back), the trigger is pushed back by the difference, so it does not come before the
 * job is due for the service.
 */
export function daprJobStateOf(
  row: Pick<JobRow, "status" | "dueAt">,
  now: Date,
  realNow: Date,
): DaprJobState {
  if (row.status !== "scheduled") return { kind: "absent" };
  const lag = realNow.getTime() - now.getTime();
  return { kind: "scheduled", dueTime: new Date(Math.max(row.dueAt.getTime(), row.dueAt.getTime() + lag)) };
}

export interface JobSyncDeps {
  database: Database;
  clock: Clock;
  settings: FireSettings;
  client: DaprJobsClient;
  log: Logger;
  onFired?: (count: number) => void;
  stopped: () => boolean;
}

/**
 * Keeps Dapr in step with the `jobs` table like an outbox: each unsynced row is pushed to the
 * sidecar (its `DaprJobState`) and then marked synced. Before pushing, each round fires what Dapr
 * cannot be relied on for: at start-up everything already due (Dapr may never have heard of it),
 * after a clock jump or while the sidecar fails everything due, otherwise what is `OVERDUE_MS` late.
 */
export function createJobSync(deps: JobSyncDeps) {
  const { database, clock, client, log } = deps;
  let reconciled = false;
  let jumped = false;

  const push = (row: Pick<JobRow, "id" | "status" | "dueAt">) => {
    const state = daprJobStateOf(row, clock.now(), new Date());
    return state.kind === "scheduled" ? client.schedule(row.id, state.dueTime) : client.remove(row.id);
  };
  const fireDue = (cutoff: Date) =>
    fireDueJobs(
      { database, clock, settings: deps.settings, onFired: deps.onFired, stopped: deps.stopped },
      cutoff,
    );

  async function fireUndelivered(sidecarFailing: boolean, now: Date): Promise<void> {
    if (!reconciled) {
      // Dapr may never have heard of what fell due while the service was down: fire it here.
      await fireDue(now);
      await database.db.update(jobs).set({ synced: false }).where(eq(jobs.status, "scheduled"));
      reconciled = true;
      return;
    }
    // After a clock jump, or while the last push failed (the sidecar may not know the job), all
    // that is due is fired here; otherwise only what Dapr has clearly failed to deliver.
    const all = jumped || sidecarFailing;
    jumped = false;
    try {
      const fired = await fireDue(all ? now : new Date(now.getTime() - OVERDUE_MS));
      if (fired > 0 && !all && !clock.onJump)
        log.warn("fired jobs Dapr had not delivered after their due time", {
          fired,
          overdue_seconds: OVERDUE_MS / 1000,
        });
    } catch (error) {
      jumped ||= all;
      throw error;
    }
  }

  return {
    /** The service's clock jumped: the next round fires whatever is due by it. */
    clockJumped() {
      jumped = true;
    },
    /** One round: fire what Dapr cannot be relied on for, then push every unsynced row. */
    async syncOnce(sidecarFailing: boolean): Promise<void> {
      await fireUndelivered(sidecarFailing, clock.now());
      while ((await pushUnsynced(database, push)) === BATCH && !deps.stopped());
    },
  };
}

/** Pushes one batch of unsynced rows and marks them synced; returns how many there were. */
async function pushUnsynced(
  database: Database,
  push: (row: Pick<JobRow, "id" | "status" | "dueAt">) => Promise<void>,
): Promise<number> {
  return database.db.transaction(async (tx) => {
    // The rows stay locked while pushed and marked, so "unchanged since read" holds: a change
    // commits after the mark (and sets synced=false again), and two replicas never push two
    // states of one job in the wrong order (Dapr keeps whichever arrives last).
    const rows = await tx
      .select({ id: jobs.id, status: jobs.status, dueAt: jobs.dueAt })
      .from(jobs)
      .where(eq(jobs.synced, false))
      .orderBy(asc(jobs.updatedAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    await inParallel(rows, PUSH_CONCURRENCY, push);
    if (rows.length > 0)
      await tx
        .update(jobs)
        .set({ synced: true })
        .where(
          inArray(
            jobs.id,
            rows.map((r) => r.id),
          ),
        );
    return rows.length;
  });
}

/** Runs `run` over `items`, at most `limit` at a time; stops starting new ones after a failure. */
export async function inParallel<T>(
  items: T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      await run(item).catch((error) => {
        failed = true;
        throw error;
      });
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = results.find((r) => r.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
}
