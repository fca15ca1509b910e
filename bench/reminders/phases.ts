// The two workloads, run against a started shape. Each phase has its own user, so its reminders
// can be told apart in the services' tables afterwards.
import { cpuWindow, type CpuUsage } from "../lib/cpu.ts";
import { signUp } from "../lib/sign-up.ts";
import { consumedCount, sample, scrape, waitForConsumed, type Consumed } from "./metrics.ts";
import type { Shape } from "./shapes.ts";
import { seedBurst } from "./seed-burst.ts";
import { createReminders, type Created } from "./workload.ts";

export interface PhaseResult {
  userId: string;
  created: number;
  createSeconds: number;
  failures: string[];
  /** ms from the first (or only) target time to when every consumer had the reminders scheduled; negative is in time */
  scheduledMarginMs?: number;
  /** ms after the last target until the notifier had handled every reminder.fired (undefined: timed out) */
  doneAfterMs?: number;
  cpu: CpuUsage;
  /** mean time the notifier spent per `reminders` event (its inbox transaction), ms */
  notifierHandlerMs: number;
}

// Exact times come from the tables afterwards: the end of a phase is looked for only now and then,
// so that the looking (a /metrics scrape queries the outbox) takes little from the delivery.
const SCRAPE_WHILE_DELIVERING_MS = 2000;

const say = (line: string) => console.error(`[${new Date().toISOString().slice(11, 23)}] ${line}`);

/** Every consumer that must have handled a task's creation events before its reminder can fire cleanly. */
function consumersOf(shape: Shape): Consumed[] {
  const { backend, recurring, notifier } = shape.urls;
  return [
    { service: "recurring", url: recurring, consumer: "recurring", topic: "reminders" },
    { service: "recurring", url: recurring, consumer: "recurring", topic: "task-events" },
    { service: "notifier", url: notifier, consumer: "notifier", topic: "task-events" },
    { service: "notifier", url: notifier, consumer: "notifier", topic: "reminders" },
    { service: "backend", url: backend, consumer: "backend", topic: "reminders" },
  ];
}

const notifierReminders = (shape: Shape): Consumed => ({
  service: "notifier",
  url: shape.urls.notifier,
  consumer: "notifier",
  topic: "reminders",
});

async function handlerTotals(shape: Shape) {
  const samples = await scrape(shape.urls.notifier);
  const labels = { consumer: "notifier", topic: "reminders" };
  return {
    sum: sample(samples, "event_handler_seconds_sum", labels),
    count: sample(samples, "event_handler_seconds_count", labels),
  };
}

const newUser = (shape: Shape, label: string) =>
  signUp(
    shape.urls.backend,
    `${label}-${crypto.randomUUID().slice(0, 8)}@bench.example.com`,
    "Europe/Berlin",
  );

/**
 * Lets every consumer group join and every code path warm up on one reminder, so the phases
 * measure the steady state rather than Kafka's first rebalance or Bun's first JIT. Also creates
 * `tasks` reminders an hour ahead and returns how many per second the API took in.
 */
export async function warmUp(shape: Shape, tasks = 0, concurrency = 1): Promise<number> {
  const { token } = await newUser(shape, "warm-up");
  const before = await consumedCount(notifierReminders(shape));
  const later = new Date(Date.now() + 3600_000);
  const created =
    tasks > 0
      ? await createReminders(
          shape.urls.backend,
          token,
          Array.from({ length: tasks }, () => later),
          concurrency,
          "warm-up",
        )
      : undefined;
  await createReminders(shape.urls.backend, token, [new Date(Date.now() + 1500)], 1, "warm-up");
  const done = await waitForConsumed([{ ...notifierReminders(shape), atLeast: before + tasks + 2 }], 60_000);
  if (!done) throw new Error(`${shape.name}: the warm-up reminder was not delivered within 60 s`);
  return created ? tasks / created.seconds : NaN;
}

/** `count` reminders evenly spread over `spreadSeconds`, the first `leadSeconds` from now. */
export async function runLateness(
  shape: Shape,
  opts: { count: number; spreadSeconds: number; leadSeconds: number; concurrency: number },
): Promise<PhaseResult> {
  const { token, userId } = await newUser(shape, "lateness");
  const before = await Promise.all(consumersOf(shape).map(consumedCount));
  const first = Date.now() + opts.leadSeconds * 1000;
  const times = Array.from(
    { length: opts.count },
    (_, i) => new Date(first + Math.round((i * opts.spreadSeconds * 1000) / Math.max(1, opts.count - 1))),
  );
  const created = await createReminders(shape.urls.backend, token, times, opts.concurrency, "lateness");
  const n = opts.count - created.failures.length;
  say(
    `${shape.name}: created ${n} reminders in ${created.seconds.toFixed(1)} s, first due in ${((first - Date.now()) / 1000).toFixed(1)} s`,
  );
  const scheduled = await waitForConsumed(
    consumersOf(shape).map((c, i) => ({ ...c, atLeast: before[i]! + n })),
    Math.max(0, first - Date.now()) + 30_000,
    100,
  );
  const handlers = await handlerTotals(shape);
  await Bun.sleep(Math.max(0, first - Date.now()));
  const cpu = cpuWindow(shape.cpu);
  const last = times.at(-1)!.getTime();
  const done = await waitForConsumed(
    [{ ...notifierReminders(shape), atLeast: before[3]! + 2 * n }],
    Math.max(0, last - Date.now()) + 60_000,
    SCRAPE_WHILE_DELIVERING_MS,
  );
  const after = await handlerTotals(shape);
  say(`${shape.name}: lateness phase ${done ? "delivered" : "TIMED OUT"}`);
  return {
    userId,
    created: n,
    createSeconds: created.seconds,
    failures: created.failures,
    scheduledMarginMs: scheduled === undefined ? undefined : scheduled - first,
    doneAfterMs: done === undefined ? undefined : done - last,
    cpu: cpu.since(),
    notifierHandlerMs: ((after.sum - handlers.sum) / Math.max(1, after.count - handlers.count)) * 1000,
  };
}

export interface BurstOptions {
  count: number;
  /** api: `POST /api/tasks` per reminder; seed: the rows the API path leaves, written directly (seed-burst.ts) */
  via: "api" | "seed";
  leadSeconds: number;
  concurrency: number;
  timeoutSeconds: number;
}

export type BurstResult = PhaseResult & {
  target: number;
  via: "api" | "seed";
  /** how long each `GET /healthz` of the backend, asked once a second during the burst, took to answer (ms) */
  healthzWaits: number[];
};

/** Asks the backend's /healthz (no database) once a second: a user's page would wait as long. */
function probeResponsiveness(backendUrl: string) {
  let running = true;
  const waits: number[] = [];
  const probing = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${backendUrl}/healthz`).then(
        (res) => res.arrayBuffer(),
        () => undefined,
      );
      waits.push(performance.now() - started);
      await Bun.sleep(1000);
    }
  })();
  return {
    async stop() {
      running = false;
      await probing;
      return waits;
    },
  };
}

const wholeSecondAfter = (ms: number) => Math.ceil((Date.now() + ms) / 1000) * 1000;

/**
 * `count` reminders due at one instant, `leadSeconds` from now: enough to create them and for
 * every consumer to take them in before they fall due (checked, and reported). The clock runs
 * from that instant until the notifier has handled every `reminder.fired`.
 */
export async function runBurst(shape: Shape, opts: BurstOptions): Promise<BurstResult> {
  const { token, userId } = await newUser(shape, "burst");
  const target = wholeSecondAfter(opts.leadSeconds * 1000);
  say(
    `${shape.name}: ${opts.via === "api" ? "creating" : "seeding"} ${opts.count} reminders due at ${new Date(target).toISOString()} (in ${((target - Date.now()) / 1000).toFixed(0)} s)`,
  );
  const started = performance.now();
  let created: Created;
  let scheduled: number | undefined;
  let expectedFired: number; // the notifier's reminders counter once every fire is handled
  if (opts.via === "api") {
    const before = await Promise.all(consumersOf(shape).map(consumedCount));
    created = await createReminders(
      shape.urls.backend,
      token,
      Array.from({ length: opts.count }, () => new Date(target)),
      opts.concurrency,
      "burst",
    );
    const n = opts.count - created.failures.length;
    say(
      `${shape.name}: created ${n} in ${created.seconds.toFixed(1)} s (${(n / created.seconds).toFixed(0)}/s), ${created.failures.length} failed${created.failures[0] ? `: ${created.failures[0]}` : ""}`,
    );
    // Waits past the target if it must: then the margin is positive and the result says so.
    scheduled = await waitForConsumed(
      consumersOf(shape).map((c, i) => ({ ...c, atLeast: before[i]! + n })),
      Math.max(0, target - Date.now()) + opts.timeoutSeconds * 1000,
      500,
    );
    expectedFired = before[3]! + 2 * n;
  } else {
    await shape.writeDirect((query) =>
      seedBurst(query, { userId, target: new Date(target), count: opts.count, seed: userId }),
    );
    created = { seconds: (performance.now() - started) / 1000, failures: [] };
    // A restarted start.ts begins cold, with its counters at zero.
    if (shape.name === "embedded") await warmUp(shape);
    scheduled = Date.now();
    expectedFired = (await consumedCount(notifierReminders(shape))) + opts.count;
  }
  const n = opts.count - created.failures.length;
  say(
    `${shape.name}: every consumer had the burst ${scheduled === undefined ? "NEVER (timed out)" : `${((target - scheduled) / 1000).toFixed(1)} s before the target`}`,
  );
  const handlers = await handlerTotals(shape);
  await Bun.sleep(Math.max(0, target - Date.now()));
  const cpu = cpuWindow(shape.cpu);
  const probe = probeResponsiveness(shape.urls.backend);
  const done = await waitForConsumed(
    [{ ...notifierReminders(shape), atLeast: expectedFired }],
    Math.max(0, target - Date.now()) + opts.timeoutSeconds * 1000,
    SCRAPE_WHILE_DELIVERING_MS,
  );
  const usage = cpu.since();
  const healthzWaits = await probe.stop();
  const after = await handlerTotals(shape);
  say(
    `${shape.name}: burst ${done ? `stored ${((done - target) / 1000).toFixed(1)} s after the target` : "TIMED OUT"}`,
  );
  return {
    userId,
    target,
    via: opts.via,
    healthzWaits,
    created: n,
    createSeconds: created.seconds,
    failures: created.failures,
    scheduledMarginMs: scheduled === undefined ? undefined : scheduled - target,
    doneAfterMs: done === undefined ? undefined : done - target,
    cpu: usage,
    notifierHandlerMs: ((after.sum - handlers.sum) / Math.max(1, after.count - handlers.count)) * 1000,
  };
}
