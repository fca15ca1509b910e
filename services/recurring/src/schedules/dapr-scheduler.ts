import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@todo/messaging/db";
import { startWakeableLoop } from "@todo/messaging";
import { listenForWakeUps } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { jobs, type JobRow } from "../db/schema.ts";
import { JOBS_CHANNEL } from "./embedded-scheduler.ts";
import { fireDueJobs, fireJob, type FireOutcome, type FireSettings } from "./fire-job.ts";
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

const BATCH = 100;
const PUSH_CONCURRENCY = 8;
// A job still scheduled this long after its due time was not delivered by Dapr (its scheduler lost
// it, or gave up): the adapter fires it itself, through the same fireJob path.
const OVERDUE_MS = 30_000;
// A trigger that arrives before the service's clock says the job is due is held this long at most.
const NOT_DUE_WAIT_MS = 1_000;
// A callback answered 500 (database down) or not answered (app restarting) is delivered again every
// 5 s until it is taken; Dapr's default gives up after 3 tries a second apart.
const FAILURE_POLICY = { constant: { interval: "5s" } };

/** The Dapr job name for a job id: URL-path safe and reversible (`reminder:<id>` → `reminder_3A<id>`). */
export const daprJobName = (jobId: string) =>
  encodeURIComponent(jobId)
    .replace(/[_!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%", "_");

/** The job id a Dapr job name stands for; undefined for a name this adapter never made. */
export function jobIdOfDaprName(name: string): string | undefined {
  try {
    return decodeURIComponent(name.replaceAll("_", "%"));
  } catch {
    return undefined;
  }
}

/**
 * Fires jobs through the Dapr Jobs API. The `jobs` table stays the truth; this adapter keeps Dapr
 * in step with it like an outbox: each unsynced row is pushed to the sidecar (a one-shot job at
 * `due_at` for a scheduled row, a delete otherwise) and then marked synced. Dapr calls back
 * `POST /job/<name>` at the due time, and the callback runs `fireJob`, which is idempotent, so a
 * repeated or stale trigger changes nothing.
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
  const { database, clock, settings } = options;
  // Constant messages; what varies goes in fields, and `scheduler` tells these lines from the embedded one's.
  const log = settings.logger.child({ scheduler: "dapr" });
  const pollMs = options.pollMs ?? 30_000;
  const sidecar = sidecarJobs(options.daprHttpUrl, options.fetchTimeoutMs ?? 5_000);
  const inflight = new Set<Promise<unknown>>();
  let stopped = false;
  let reconciled = false;
  let jumped = false;

  // Dapr fires at real time. When the service's clock is behind real time (a test clock set back),
  // the trigger is pushed back by the difference, so it does not come before the job is due for us.
  const daprDueTime = (dueAt: Date) =>
    new Date(Math.max(dueAt.getTime(), Date.now() + dueAt.getTime() - clock.now().getTime()));
  const push = (row: Pick<JobRow, "id" | "status" | "dueAt">) =>
    row.status === "scheduled" ? sidecar.register(row.id, daprDueTime(row.dueAt)) : sidecar.remove(row.id);

  async function syncBatch(): Promise<number> {
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

  const fireDue = (cutoff: Date) =>
    fireDueJobs({ database, clock, settings, onFired: options.onFired, stopped: () => stopped }, cutoff);

  /** One round: fire what Dapr cannot be relied on for, then push every unsynced row. */
  async function syncOnce(sidecarFailing: boolean): Promise<void> {
    const now = clock.now();
    if (!reconciled) {
      // Dapr may never have heard of what fell due while the service was down: fire it here.
      await fireDue(now);
      await database.db.update(jobs).set({ synced: false }).where(eq(jobs.status, "scheduled"));
      reconciled = true;
    } else {
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
    while ((await syncBatch()) === BATCH && !stopped);
  }

  const loop = startWakeableLoop({
    async round(failures) {
      await syncOnce(failures > 0);
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
    jumped = true;
    poke();
  });
  const wakeUps = listenForWakeUps(
    database,
    JOBS_CHANNEL,
    poke,
    "LISTEN unavailable, syncing on the poll interval",
    log.child({ poll_ms: pollMs }),
  );

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
    if (outcome === "fired" || outcome === "missed") options.onFired?.(1);
    if (outcome !== "already-done") poke(); // the fired job's delete, the next occurrence, or the re-registration
    return outcome;
  }

  let callbackFailures = 0;
  return {
    kind: "dapr",
    poke,
    async handleHttp(request: Request) {
      const path = new URL(request.url).pathname;
      if (request.method !== "POST" || !path.startsWith("/job/")) return undefined;
      const name = path.slice("/job/".length);
      const jobId = jobIdFromData(await request.text()) ?? jobIdOfDaprName(name);
      if (!jobId) {
        log.warn("ignored a trigger for a job this service did not make", { dapr_job: name });
        return Response.json({ outcome: "unknown" });
      }
      // Going away: Dapr delivers the trigger again, and the next start fires what is due anyway.
      if (stopped) return Response.json({ error: "stopping" }, { status: 503 });
      const handling = trigger(jobId);
      inflight.add(handling);
      try {
        const outcome = await handling;
        callbackFailures = 0;
        return Response.json({ outcome });
      } catch (error) {
        // Only the database fails here; Dapr delivers the trigger again (FAILURE_POLICY).
        callbackFailures++;
        if (callbackFailures === 1 || callbackFailures % 20 === 0)
          log.warn("could not fire a job, Dapr will deliver it again", {
            job_id: jobId,
            failures: callbackFailures,
            error,
          });
        return Response.json({ error: "could not fire the job now" }, { status: 500 });
      } finally {
        inflight.delete(handling);
      }
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      await loop.stop();
      await Promise.allSettled([...inflight]);
      await wakeUps.stop();
    },
  };
}

/** Our callbacks carry `{"job_id": ...}` (Dapr never delivers a job without data). */
function jobIdFromData(body: string): string | undefined {
  try {
    const data = JSON.parse(body) as { job_id?: unknown } | null;
    return typeof data?.job_id === "string" ? data.job_id : undefined;
  } catch {
    return undefined;
  }
}

/** The sidecar's Jobs API, as far as this adapter uses it. */
function sidecarJobs(daprHttpUrl: string, timeoutMs: number) {
  const base = `${daprHttpUrl.replace(/\/+$/, "")}/v1.0/jobs`;
  async function call(method: "POST" | "DELETE", jobId: string, body?: object) {
    const response = await fetch(`${base}/${daprJobName(jobId)}`, {
      method,
      body: body && JSON.stringify(body),
      headers: body ? { "content-type": "application/json" } : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: Error) => {
      throw new Error(`sidecar at ${daprHttpUrl} did not answer: ${error.message}`);
    });
    return { status: response.status, text: await response.text() };
  }
  return {
    async register(jobId: string, dueTime: Date) {
      // Always with data: daprd never delivers a job without it.
      const { status, text } = await call("POST", jobId, {
        dueTime: dueTime.toISOString(),
        data: { job_id: jobId },
        overwrite: true,
        failurePolicy: FAILURE_POLICY,
      });
      if (status >= 300)
        throw new Error(`dapr: scheduling ${jobId} failed with HTTP ${status}: ${text.slice(0, 300)}`);
    },
    async remove(jobId: string) {
      const { status, text } = await call("DELETE", jobId);
      // Already gone (fired, or never registered) is what we wanted.
      if (status < 300 || status === 404 || text.includes("NotFound")) return;
      throw new Error(`dapr: deleting ${jobId} failed with HTTP ${status}: ${text.slice(0, 300)}`);
    },
  };
}

/** Runs `run` over `items`, at most `limit` at a time; stops starting new ones after a failure. */
async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
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
