// The dapr scheduler against a real daprd 1.18 sidecar and Dapr scheduler on PostgreSQL, in real
// time (Dapr's clock cannot be moved): jobs a few seconds ahead. Run with `npm test -- --tier dapr`.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createMemoryTransport, Metrics, type Delivered } from "@todo/messaging";
import { outbox } from "@todo/messaging/db";
import {
  createLogger,
  DEFAULT_MAX_CALLBACK_BYTES,
  offsetClock,
  systemClock,
  type Clock,
} from "@todo/service-kit";
import { occurrenceTaskId, type ReminderEvent, type TaskEvent } from "@todo/schemas";
import { startScheduler, startSidecar } from "../../../scripts/infra/dapr.ts";
import { freePort } from "../../../scripts/infra/free-port.ts";
import { freshDatabase } from "../../../scripts/testing/fresh-database.ts";
import { createApp } from "../src/app.ts";
import { recurringHandlers } from "../src/consumers.ts";
import { jobs } from "../src/db/schema.ts";
import { daprJobName, daprJobsClient } from "../src/schedules/dapr-jobs-client.ts";
import { startDaprScheduler } from "../src/schedules/dapr-scheduler.ts";
import { occurrenceJobId, reminderJobId } from "../src/schedules/job-ids.ts";
import type { Scheduler } from "../src/schedules/scheduler.ts";
import { MIGRATIONS, reminderEvent, seriesCreated } from "./scheduling-harness.ts";

const cleanups: (() => Promise<unknown>)[] = [];
// The sidecar's app API token (the charts give daprd and the app the same Secret): every job
// callback below passes the app's own check of it.
const APP_API_TOKEN = `app-token-${crypto.randomUUID()}`;
let daprScheduler: Awaited<ReturnType<typeof startScheduler>> | undefined;

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

/**
 * The recurring service's scheduling part as it runs in Kubernetes: a fresh database, the service's
 * app (its `/job/*` route checks the sidecar's token, then hands the call to the scheduler), and its
 * own daprd (own app id, so its jobs are its own).
 * The scheduler is started by `startAdapter`, so a test can make changes while "the service is down".
 */
async function setup(opts: { graceMs?: number; clock?: Clock } = {}) {
  const database = await freshDatabase("postgres", MIGRATIONS);
  cleanups.push(() => database.drop());
  const clock = opts.clock ?? systemClock;
  // What the scheduler logged, one message per entry.
  const logged: string[] = [];
  const settings = {
    graceMs: opts.graceMs ?? 15 * 60_000,
    maxCatchUp: 50,
    logger: createLogger({ service: "recurring", write: (line) => void logged.push(JSON.parse(line).msg) }),
  };
  // Each call Dapr (or a test) made to /job/*: what it carried, what the scheduler answered, when it came.
  const callbacks: { name: string; body: string; status: number; outcome?: string; at: number }[] = [];
  let scheduler: Scheduler | undefined;
  const transport = createMemoryTransport();
  cleanups.push(() => transport.close());
  const toScheduler: Scheduler = {
    kind: "dapr",
    poke() {},
    stop: async () => {},
    handleHttp: async (request) =>
      (await scheduler?.handleHttp?.(request)) ?? new Response("no scheduler", { status: 503 }),
  };
  const app = createApp(
    {
      clock,
      database,
      transport,
      metrics: new Metrics(),
      limits: { maxBodyBytes: 65536 },
      maxCallbackBytes: DEFAULT_MAX_CALLBACK_BYTES,
      appApiToken: APP_API_TOKEN,
      logger: settings.logger,
    },
    { scheduler: toScheduler },
  );
  const appPort = await freePort();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: appPort,
    async fetch(request) {
      const path = new URL(request.url).pathname;
      if (!path.startsWith("/job/")) return new Response("not found", { status: 404 });
      const at = Date.now();
      const body = await request.clone().text();
      const response = await app.handle(request);
      const answer = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { outcome?: string };
      callbacks.push({
        name: path.slice("/job/".length),
        body,
        status: response.status,
        outcome: answer.outcome,
        at,
      });
      return response;
    },
  });
  cleanups.push(async () => server.stop(true));
  const componentsDir = await mkdtemp(join(tmpdir(), "dapr-no-components-"));
  cleanups.push(() => rm(componentsDir, { recursive: true, force: true }));
  const sidecar = await startSidecar({
    appId: `recurring-${crypto.randomUUID().slice(0, 8)}`,
    appPort,
    componentsDir,
    schedulerAddress: daprScheduler!.address,
    env: { APP_API_TOKEN },
  });
  cleanups.push(() => sidecar.stop());
  const daprHttpUrl = `http://127.0.0.1:${sidecar.httpPort}`;
  const handlers = recurringHandlers(clock, settings.logger);

  return {
    database,
    callbacks,
    logged,
    appUrl: `http://127.0.0.1:${appPort}`,
    daprHttpUrl,
    /** Starts the scheduler, talking to the sidecar at `sidecarUrl` (default: directly). */
    startAdapter(sidecarUrl = daprHttpUrl) {
      scheduler = startDaprScheduler({ database, clock, settings, daprHttpUrl: sidecarUrl, pollMs: 1_000 });
      const started = scheduler;
      cleanups.push(() => started.stop());
    },
    /** Handles an event as the consumer does (plans the job and NOTIFYs), in one transaction. */
    async handle(event: ReminderEvent) {
      await database.db.transaction((tx) => handlers.reminders!(tx, event, delivered("reminders", event)));
    },
    async handleTaskEvent(event: TaskEvent) {
      await database.db.transaction((tx) =>
        handlers["task-events"]!(tx, event, delivered("task-events", event)),
      );
    },
    async job(id: string) {
      const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
      return row;
    },
    async firedEvents() {
      const rows = await database.db
        .select({ payload: outbox.payload })
        .from(outbox)
        .where(eq(outbox.topic, "reminders"));
      return rows.map((r) => r.payload as ReminderEvent & { missed: boolean });
    },
    /** What daprd knows about a job: its dueTime, or undefined when it has none by that name. */
    daprJob: (jobId: string) => daprJobsClient({ daprHttpUrl, timeoutMs: 5_000 }).get(jobId),
  };
}

const delivered = (topic: string, event: ReminderEvent | TaskEvent): Delivered => ({
  topic,
  key: event.task_id,
  value: JSON.stringify(event),
  headers: {},
  partition: 0,
  offset: "0",
});

/** Synced means daprd has been told; a job with a pending change is not. */
const synced = (s: Awaited<ReturnType<typeof setup>>, id: string) =>
  eventually(async () => (await s.job(id))?.synced === true, `${id} synced with Dapr`);

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  "the dapr scheduler with a real daprd and Dapr scheduler",
  () => {
    beforeAll(async () => {
      daprScheduler = await startScheduler();
    }, 120_000);
    // Every process and database is stopped after each test, passed or failed.
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse())
        await cleanup().catch((e) => console.warn("cleanup:", e));
    });
    afterAll(async () => {
      await daprScheduler?.stop();
    });

    test("a one-time reminder 2 s ahead fires once through Dapr's callback, and a repeated callback changes nothing", async () => {
      const s = await setup();
      s.startAdapter();
      const [task, reminder] = [crypto.randomUUID(), crypto.randomUUID()];
      const due = new Date(Date.now() + 2_000);
      await s.handle(reminderEvent("reminder.scheduled", task, reminder, due.toISOString(), new Date()));
      const id = reminderJobId(task);
      await synced(s, id);
      expect((await s.daprJob(id))?.dueTime).toBe(due.toISOString());
      expect(await s.firedEvents()).toEqual([]);

      await eventually(async () => (await s.job(id))?.status === "fired", "the reminder fired");
      const fired = (await s.job(id))!;
      const callback = s.callbacks.find((c) => c.name === daprJobName(id))!;
      console.log(
        `dapr: callback ${callback.at - due.getTime()} ms after dueTime, fired_at ${fired.firedAt!.getTime() - due.getTime()} ms after due_at`,
      );
      expect(callback).toMatchObject({ body: JSON.stringify({ job_id: id }), status: 200, outcome: "fired" });
      expect(fired.firedAt!.getTime()).toBeGreaterThanOrEqual(due.getTime());
      expect(await s.firedEvents()).toEqual([
        expect.objectContaining({
          event_type: "reminder.fired",
          reminder_id: reminder,
          task_id: task,
          target_time: due.toISOString(),
          reminder_type: "one-time",
          missed: false,
        }),
      ]);

      const fromDapr = s.callbacks.length;
      const forged = await fetch(`${s.appUrl}/job/${daprJobName(id)}`, {
        method: "POST",
        body: callback.body,
        headers: { "content-type": "application/json" },
      });
      expect(forged.status).toBe(401); // only the sidecar, with its token, may trigger a job
      const again = await fetch(`${s.appUrl}/job/${daprJobName(id)}`, {
        method: "POST",
        body: callback.body,
        headers: { "content-type": "application/json", "dapr-api-token": APP_API_TOKEN },
      });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ outcome: "already-done" });
      expect(await s.firedEvents()).toHaveLength(1);
      await synced(s, id);
      expect(await s.job(id)).toEqual({ ...fired, synced: true });
      expect(fromDapr).toBe(1);
    }, 60_000);

    test("a cancelled reminder is deleted from Dapr and never fires", async () => {
      const s = await setup();
      s.startAdapter();
      const [task, reminder] = [crypto.randomUUID(), crypto.randomUUID()];
      const due = new Date(Date.now() + 2_000);
      await s.handle(reminderEvent("reminder.scheduled", task, reminder, due.toISOString(), new Date()));
      const id = reminderJobId(task);
      await synced(s, id);
      expect(await s.daprJob(id)).toBeDefined();
      await s.handle(reminderEvent("reminder.cancelled", task, reminder, due.toISOString(), new Date()));
      await synced(s, id);
      expect(await s.daprJob(id)).toBeUndefined();

      await Bun.sleep(Math.max(0, due.getTime() + 1_500 - Date.now()));
      expect(s.callbacks).toEqual([]);
      expect((await s.job(id))?.status).toBe("cancelled");
      expect(await s.firedEvents()).toEqual([]);
    }, 60_000);

    test("a daily series fires its first occurrence through Dapr and registers the next one with Dapr", async () => {
      const s = await setup();
      s.startAdapter();
      const series = crypto.randomUUID();
      const first = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000); // the rule's times are whole seconds
      const wall = first.toISOString().slice(0, 19);
      const rule = {
        rrule: "FREQ=DAILY",
        dtstart: wall,
        timezone: "UTC",
        frequency: "daily" as const,
        time_of_day: wall.slice(11, 16),
        text: "every day",
      };
      await s.handleTaskEvent(
        seriesCreated(series, occurrenceTaskId(series, first), rule, first.toISOString(), new Date()),
      );
      const firstId = occurrenceJobId(series, first);
      await synced(s, firstId);
      expect((await s.daprJob(firstId))?.dueTime).toBe(first.toISOString());

      await eventually(async () => (await s.job(firstId))?.status === "fired", "the first occurrence fired");
      expect(s.callbacks.filter((c) => c.name === daprJobName(firstId))).toHaveLength(1);
      expect(await s.firedEvents()).toEqual([
        expect.objectContaining({
          reminder_type: "recurring",
          series_id: series,
          target_time: first.toISOString(),
          missed: false,
        }),
      ]);
      const next = new Date(first.getTime() + 24 * 3600_000);
      const nextId = occurrenceJobId(series, next);
      await synced(s, nextId);
      expect(await s.job(nextId)).toMatchObject({ status: "scheduled", dueAt: next });
      expect((await s.daprJob(nextId))?.dueTime).toBe(next.toISOString());
      await synced(s, firstId);
      expect(await s.daprJob(firstId)).toBeUndefined();
    }, 60_000);

    test("at start-up, jobs that fell due while the service was down fire at once (late within the grace period) or are published as missed, and the rest are registered again", async () => {
      const s = await setup({ graceMs: 60_000 });
      const [late, old, ahead] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      const now = Date.now();
      // Planned while the scheduler was down; the "ahead" one counts as registered already, but this
      // Dapr scheduler has never heard of it (as after losing its state).
      await s.handle(
        reminderEvent(
          "reminder.scheduled",
          late,
          crypto.randomUUID(),
          new Date(now - 10_000).toISOString(),
          new Date(now - 3_600_000),
        ),
      );
      await s.handle(
        reminderEvent(
          "reminder.scheduled",
          old,
          crypto.randomUUID(),
          new Date(now - 5 * 60_000).toISOString(),
          new Date(now - 3_600_000),
        ),
      );
      await s.handle(
        reminderEvent(
          "reminder.scheduled",
          ahead,
          crypto.randomUUID(),
          new Date(now + 3_000).toISOString(),
          new Date(now - 3_600_000),
        ),
      );
      await s.database.db
        .update(jobs)
        .set({ synced: true })
        .where(eq(jobs.id, reminderJobId(ahead)));

      const started = Date.now();
      s.startAdapter();
      await eventually(async () => (await s.firedEvents()).length === 2, "the two overdue jobs fired", 5_000);
      console.log(`dapr: overdue jobs fired ${Date.now() - started} ms after start-up`);
      expect(await s.job(reminderJobId(late))).toMatchObject({ status: "fired" });
      expect(await s.job(reminderJobId(old))).toMatchObject({ status: "missed" });
      expect((await s.firedEvents()).map((e) => [e.task_id, e.missed]).sort()).toEqual(
        [
          [late, false],
          [old, true],
        ].sort(),
      );
      expect(s.callbacks).toEqual([]); // fired by the adapter itself, not by Dapr

      await synced(s, reminderJobId(ahead));
      expect(await s.daprJob(reminderJobId(ahead))).toBeDefined();
      await eventually(
        async () => (await s.job(reminderJobId(ahead)))?.status === "fired",
        "the job ahead fired through Dapr",
      );
      expect(s.callbacks.map((c) => c.name)).toEqual([daprJobName(reminderJobId(ahead))]);
      expect(await s.firedEvents()).toHaveLength(3);
    }, 60_000);

    test("a trigger that comes before the service's clock reaches the due time is answered 200, and the job fires once that clock gets there", async () => {
      const clock = offsetClock();
      const s = await setup({ clock });
      s.startAdapter();
      const task = crypto.randomUUID();
      const id = reminderJobId(task);
      const due = new Date(Date.now() + 2_000);
      await s.handle(
        reminderEvent("reminder.scheduled", task, crypto.randomUUID(), due.toISOString(), clock.now()),
      );
      await synced(s, id);
      clock.advance(-3_000); // Dapr's clock is now 3 s ahead of the service's
      await eventually(async () => (await s.job(id))?.status === "fired", "the job fired", 15_000);
      const fired = (await s.job(id))!;
      console.log(
        `dapr: not-due trigger, then fired at service time due_at + ${fired.firedAt!.getTime() - due.getTime()} ms`,
      );
      expect(s.callbacks.map((c) => [c.status, c.outcome])).toEqual([
        [200, "not-due"],
        [200, "fired"],
      ]);
      expect(fired.firedAt!.getTime()).toBeGreaterThanOrEqual(due.getTime());
      expect(fired.firedAt!.getTime() - due.getTime()).toBeLessThan(1_000);
      expect(await s.firedEvents()).toEqual([
        expect.objectContaining({ task_id: task, target_time: due.toISOString(), missed: false }),
      ]);
    }, 60_000);

    test("while the sidecar cannot be reached, a due job is fired by the scheduler itself and the outage is logged once; afterwards jobs go through Dapr again", async () => {
      const s = await setup();
      // The scheduler reaches daprd through a relay that is first not listening at all.
      const relayPort = await freePort();
      const startRelay = () =>
        Bun.serve({
          hostname: "127.0.0.1",
          port: relayPort,
          fetch: (r) =>
            fetch(s.daprHttpUrl + new URL(r.url).pathname, {
              method: r.method,
              body: r.body,
              headers: r.headers,
            }),
        });
      s.startAdapter(`http://127.0.0.1:${relayPort}`);
      const [during, after] = [crypto.randomUUID(), crypto.randomUUID()];
      await s.handle(
        reminderEvent(
          "reminder.scheduled",
          during,
          crypto.randomUUID(),
          new Date(Date.now() + 1_000).toISOString(),
          new Date(),
        ),
      );
      await eventually(
        async () => (await s.job(reminderJobId(during)))?.status === "fired",
        "the job fired during the outage",
        15_000,
      );
      expect((await s.job(reminderJobId(during)))?.synced).toBe(false);
      expect(s.logged.filter((m) => m.includes("could not sync"))).toHaveLength(1);

      const relay = startRelay();
      cleanups.push(async () => relay.stop(true));
      const due = new Date(Date.now() + 2_000);
      await s.handle(
        reminderEvent("reminder.scheduled", after, crypto.randomUUID(), due.toISOString(), new Date()),
      );
      await synced(s, reminderJobId(after));
      await synced(s, reminderJobId(during));
      expect((await s.daprJob(reminderJobId(after)))?.dueTime).toBe(due.toISOString());
      await eventually(
        async () => (await s.job(reminderJobId(after)))?.status === "fired",
        "the job after the outage fired",
      );
      expect(s.callbacks.map((c) => [c.name, c.outcome])).toEqual([
        [daprJobName(reminderJobId(after)), "fired"],
      ]);
      expect(s.logged.filter((m) => m.includes("could not sync"))).toHaveLength(1);
    }, 60_000);

    test("with a test clock, moving it past a job's due time fires the job without waiting for Dapr", async () => {
      const clock = offsetClock();
      const s = await setup({ clock });
      s.startAdapter();
      const task = crypto.randomUUID();
      const due = new Date(Date.now() + 3_600_000);
      await s.handle(
        reminderEvent("reminder.scheduled", task, crypto.randomUUID(), due.toISOString(), clock.now()),
      );
      await synced(s, reminderJobId(task));
      clock.moveTo(due);
      await eventually(
        async () => (await s.job(reminderJobId(task)))?.status === "fired",
        "the job fired on the jump",
        5_000,
      );
      expect(await s.firedEvents()).toEqual([expect.objectContaining({ task_id: task, missed: false })]);
      await synced(s, reminderJobId(task));
      expect(await s.daprJob(reminderJobId(task))).toBeUndefined();
    }, 60_000);
  },
);
