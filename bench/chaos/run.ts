// bench/chaos: faults under a steady load, in the distributed shape (backend, recurring, notifier and
// site as four processes, PostgreSQL, Kafka), real time. While people keep creating tasks with
// reminders a few seconds ahead, daily series whose first occurrence is seconds away, and completing,
// editing and deleting tasks (workload.ts), each service in turn is SIGKILLed and started again, then
// the Kafka broker is SIGKILLed and restarted and PostgreSQL restarted (fast shutdown, same data).
// Afterwards, once the backlog has drained, the services' own databases are checked (verify.ts):
// every committed mutation produced its events and every consumer handled them, every reminder fired
// once and was delivered, suppressed or recorded as missed under the grace rule, and no notification
// and no recurring instance exists twice (SC-003, SC-004, SC-010). Recovery per fault: time until the
// service's /readyz answers 200, until every consumer group's lag and every outbox are back to zero,
// and how late the first reminder due after it was delivered.
// The recurring service runs with a short grace period (--grace, default 10 s) and stays down longer
// than that (--recurring-downtime 15), so both sides of the grace rule happen in one run.
// Usage: bun bench/chaos/run.ts [--faults backend,recurring,notifier,site,kafka,postgres] [--people 20] [--rate 8]
//          [--lead 3,10] [--grace 10] [--warmup 30] [--interval 40] [--downtime 5] [--recurring-downtime 15]
//          [--settle 180] [--out bench/results/chaos.md]
import { join } from "node:path";
import { startCluster, waitReady } from "../lib/cluster.ts";
import { cpuWindow, loadAverage, type CpuUsage } from "../lib/cpu.ts";
import { backlog, startLagSampler } from "./lag.ts";
import { readSnapshot, verify } from "./verify.ts";
import { createWorkload } from "./workload.ts";
import { writeChaosResults, type Fault, type FaultRun } from "./write-results.ts";
import { arg } from "../lib/args.ts";

const faults = arg("faults", "backend,recurring,notifier,site,kafka,postgres")
  .split(",")
  .filter(Boolean) as Fault[];
const people = Number(arg("people", "20"));
const rate = Number(arg("rate", "8"));
const lead = arg("lead", "3,10").split(",").map(Number) as [number, number];
const grace = Number(arg("grace", "10"));
const warmup = Number(arg("warmup", "30"));
const interval = Number(arg("interval", "40"));
const downtime = Number(arg("downtime", "5"));
const recurringDowntime = Number(arg("recurring-downtime", "15"));
const settle = Number(arg("settle", "180"));
const out = arg("out", join(import.meta.dir, "..", "results", "chaos.md"));

const benchStarted = performance.now();
const epochAtStart = Date.now();
const clock = () => performance.now() - benchStarted;
const toEpoch = (t: number) => epochAtStart + t;
const say = (line: string) => console.error(`[${(clock() / 1000).toFixed(0).padStart(4)} s] ${line}`);
const loadBefore = loadAverage();

say("starting the distributed shape");
const siteGroup = `site-bench-${process.pid}`;
// A service that crashes on its own is started again after a second, as Kubernetes would restart its
// container; the crash is reported (with its log) and the run goes on, so the checks still say what was lost.
const cluster = await startCluster({
  env: { REMINDER_GRACE_SECONDS: String(grace) },
  serviceEnv: { site: { SITE_CONSUMER_GROUP: siteGroup } },
  restartCrashedAfterMs: 1000,
});
const workload = createWorkload({
  backendUrl: () => cluster.urls.backend,
  people,
  rate,
  leadSeconds: lead,
  clock,
});
const runs: FaultRun[] = [];
let failure: string | undefined;
let lagSampler: ReturnType<typeof startLagSampler> | undefined;
let workloadStoppedAt = 0;
let settledAt: number | undefined;
let cpu: CpuUsage | undefined;
let checks: ReturnType<typeof verify> = [];
let snapshot: Awaited<ReturnType<typeof readSnapshot>> | undefined;

const allReady = async () => {
  const times = await Promise.all(
    (["backend", "recurring", "notifier", "site"] as const).map((s) => waitReady(cluster.urls[s])),
  );
  return times.some((t) => t === undefined) ? undefined : Math.max(...(times as number[])) - epochAtStart;
};

try {
  await workload.signUp(crypto.randomUUID().slice(0, 8));
  lagSampler = startLagSampler(cluster, clock, siteGroup);
  const usage = cpuWindow(cluster.cpu);
  workload.start();
  say(`workload running: ${rate} mutations/s from ${people} people; warming up ${warmup} s`);
  await Bun.sleep(warmup * 1000);
  for (const fault of faults) {
    const killedAt = clock();
    let run: FaultRun;
    if (fault === "kafka") {
      cluster.kafka.kill();
      await Bun.sleep(downtime * 1000);
      const restartAt = clock();
      await cluster.kafka.restart();
      run = {
        fault,
        how: `SIGKILL, ${downtime} s down, restarted (same data dir and port)`,
        killedAt,
        restartAt,
      };
      run.readyAt = await allReady();
    } else if (fault === "postgres") {
      const restartAt = clock();
      await cluster.pg.restart();
      run = {
        fault,
        how: "fast shutdown and start on the same data dir and port (no extra downtime)",
        killedAt,
        restartAt,
      };
      run.readyAt = await allReady();
    } else {
      await cluster.kill(fault);
      const down = fault === "recurring" ? recurringDowntime : downtime;
      await Bun.sleep(down * 1000);
      const restartAt = clock();
      await cluster.start(fault);
      run = { fault, how: `SIGKILL, ${down} s down, started again`, killedAt, restartAt };
      const ready = await waitReady(cluster.urls[fault]);
      run.readyAt = ready === undefined ? undefined : ready - epochAtStart;
    }
    runs.push(run);
    say(
      `${fault}: ${run.how}; ready ${run.readyAt === undefined ? "never" : `${((run.readyAt - run.restartAt) / 1000).toFixed(1)} s after the restart began`}`,
    );
    await Bun.sleep(Math.max(0, killedAt + interval * 1000 - clock()));
  }
  await workload.stop();
  workloadStoppedAt = clock();
  cpu = usage.since();
  say(
    `workload stopped (${workload.mutations.length} mutations); waiting for the last reminders (${lead[1]} s ahead) and the backlog to drain`,
  );
  // Settled: past the last reminder's time plus a margin, and nothing left in any outbox or consumer group for 3 samples in a row.
  const deadline = clock() + settle * 1000;
  while (clock() < deadline) {
    const recent = lagSampler.samples.slice(-3);
    if (
      clock() > workloadStoppedAt + (lead[1] + 5) * 1000 &&
      recent.length === 3 &&
      recent.every((s) => s.at > workloadStoppedAt && backlog(s) === 0)
    ) {
      settledAt = clock();
      break;
    }
    await Bun.sleep(500);
  }
  await lagSampler.stop();
  say(
    settledAt
      ? `settled ${((settledAt - workloadStoppedAt) / 1000).toFixed(1)} s after the workload stopped; verifying`
      : `**did not settle within ${settle} s**; verifying anyway`,
  );
  snapshot = await readSnapshot((db, text) => cluster.query(db, text));
  checks = verify(snapshot, {
    mutations: workload.mutations,
    graceSeconds: grace,
    settledBefore: toEpoch(workloadStoppedAt) + lead[1] * 1000,
  });
} catch (error) {
  console.error(error);
  failure = (error as Error).message.split("\n")[0];
} finally {
  await lagSampler?.stop();
  // The services' logs stay for a look afterwards (not committed).
  await cluster.stop(join(import.meta.dir, "..", "results", "tmp", "chaos-logs"));
}

const broken = await writeChaosResults({
  command: `node_modules/.bin/bun bench/chaos/run.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`,
  out,
  faults,
  people,
  rate,
  lead,
  grace,
  warmup,
  interval,
  settle,
  runs,
  samples: lagSampler?.samples ?? [],
  mutations: workload.mutations,
  snapshot,
  checks,
  cpu,
  settledAt,
  workloadStoppedAt,
  failure,
  crashes: cluster.crashes,
  description: cluster.description,
  loadBefore,
  epochAtStart,
  wholeRunSeconds: clock() / 1000,
});
say(`wrote ${out} and its charts`);
process.exit(failure || broken.length > 0 ? 1 : 0);
