import { eq } from "drizzle-orm";
import type { Database } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";
import { jobs } from "../db/schema.ts";
import { jobIdOfDaprName } from "./dapr-jobs-client.ts";
import { fireJob, type FireOutcome, type FireSettings } from "./fire-job.ts";

// A trigger that arrives before the service's clock says the job is due is held this long at most.
const NOT_DUE_WAIT_MS = 1_000;

export interface JobCallbackDeps {
  database: Database;
  clock: Clock;
  settings: FireSettings;
  log: Logger;
  onFired?: (count: number) => void;
  /** Something in `jobs` changed: the sync loop should push it to Dapr. */
  poke: () => void;
  stopped: () => boolean;
}

/** Our callbacks carry `{"job_id": ...}` (Dapr never delivers a job without data). */
export function jobIdFromData(body: string): string | undefined {
  try {
    const data = JSON.parse(body) as { job_id?: unknown } | null;
    return typeof data?.job_id === "string" ? data.job_id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Dapr's `POST /job/<name>` callbacks: each fires its job through `fireJob`, which is idempotent,
 * so a repeated or stale trigger changes nothing. A trigger that comes before the service's clock
 * says the job is due is held up to a second and tried again; if still not due, the row is marked
 * unsynced, so the sync registers the job again.
 */
export function createJobCallback(deps: JobCallbackDeps) {
  const { database, clock, settings, log } = deps;
  const inflight = new Set<Promise<unknown>>();
  let failures = 0;

  const fireNow = (jobId: string, markIfNotDue: boolean) =>
    database.db.transaction(async (tx) => {
      const outcome = await fireJob(tx, jobId, clock.now(), settings);
      if (outcome === "not-due" && markIfNotDue)
        await tx.update(jobs).set({ synced: false }).where(eq(jobs.id, jobId));
      return outcome;
    });

  async function trigger(jobId: string): Promise<FireOutcome> {
    let outcome = await fireNow(jobId, false);
    if (outcome === "not-due") {
      // Dapr's clock is ahead of ours: a few ms of skew are waited out here. Otherwise (a test
      // clock behind real time) the job is registered again; the wait also bounds how often a
      // job can bounce between Dapr and the service to once a second. Registering the same name
      // again while Dapr still waits for this answer is safe: its scheduler deletes a finished
      // one-shot job only if nobody overwrote it meanwhile (go-etcd-cron compares the revision).
      const [row] = await database.db.select({ dueAt: jobs.dueAt }).from(jobs).where(eq(jobs.id, jobId));
      if (row)
        await Bun.sleep(Math.max(0, Math.min(NOT_DUE_WAIT_MS, row.dueAt.getTime() - clock.now().getTime())));
      outcome = await fireNow(jobId, true);
    }
    if (outcome === "fired" || outcome === "missed") deps.onFired?.(1);
    if (outcome !== "already-done") deps.poke(); // the fired job's delete, the next occurrence, or the re-registration
    return outcome;
  }

  async function answer(jobId: string): Promise<Response> {
    const handling = trigger(jobId);
    inflight.add(handling);
    try {
      const outcome = await handling;
      failures = 0;
      return Response.json({ outcome });
    } catch (error) {
      // Only the database fails here; Dapr delivers the trigger again (its failure policy).
      failures++;
      if (failures === 1 || failures % 20 === 0)
        log.warn("could not fire a job, Dapr will deliver it again", { job_id: jobId, failures, error });
      return Response.json({ error: "could not fire the job now" }, { status: 500 });
    } finally {
      inflight.delete(handling);
    }
  }

  return {
    /** Answers `POST /job/<name>`; undefined for any other request. */
    async handleHttp(request: Request): Promise<Response | undefined> {
      const path = new URL(request.url).pathname;
      if (request.method !== "POST" || !path.startsWith("/job/")) return undefined;
      const name = path.slice("/job/".length);
      const jobId = jobIdFromData(await request.text()) ?? jobIdOfDaprName(name);
      if (!jobId) {
        log.warn("ignored a trigger for a job this service did not make", { dapr_job: name });
        return Response.json({ outcome: "unknown" });
      }
      // Going away: Dapr delivers the trigger again, and the next start fires what is due anyway.
      if (deps.stopped()) return Response.json({ error: "stopping" }, { status: 503 });
      return answer(jobId);
    },
    /** Waits for the callbacks being answered. */
    async settle(): Promise<void> {
      await Promise.allSettled([...inflight]);
    },
  };
}
