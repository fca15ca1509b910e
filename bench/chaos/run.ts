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
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAverage, startCluster, waitReady, type ServiceName } from "../lib/cluster.ts";
import { percentile } from "../lib/stats.ts";
import { cpuWindow } from "../reminders/cpu.ts";
import { lineChartSvg, writePng } from "../report/charts.ts";
import { backlog, startLagSampler } from "./lag.ts";
import { readSnapshot, verify } from "./verify.ts";
import { createWorkload } from "./workload.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
type Fault = ServiceName | "kafka" | "postgres";
const faults = arg("faults", "backend,recurring,notifier,site,kafka,postgres").split(",").filter(Boolean) as Fault[];
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
const resultsDir = join(out, "..");

const benchStarted = performance.now();
const epochAtStart = Date.now() - 0;
const clock = () => performance.now() - benchStarted;
const toEpoch = (t: number) => epochAtStart + t;
const say = (line: string) => console.error(`[${(clock() / 1000).toFixed(0).padStart(4)} s] ${line}`);
const loadBefore = loadAverage();

interface FaultRun {
  fault: Fault;
  how: string;
  killedAt: number;
  restartAt: number;
  readyAt?: number;
  backlogZeroAt?: number;
  peakBacklog?: number;
}

say("starting the distributed shape");
const siteGroup = `site-bench-${process.pid}`;
// A service that crashes on its own is started again after a second, as Kubernetes would restart its
// container; the crash is reported (with its log) and the run goes on, so the checks still say what was lost.
const cluster = await startCluster({ env: { REMINDER_GRACE_SECONDS: String(grace) }, serviceEnv: { site: { SITE_CONSUMER_GROUP: siteGroup } }, restartCrashedAfterMs: 1000 });
const workload = createWorkload({ backendUrl: () => cluster.urls.backend, people, rate, leadSeconds: lead, clock });
const runs: FaultRun[] = [];
let failure: string | undefined;
let lagSampler: ReturnType<typeof startLagSampler> | undefined;
let workloadStoppedAt = 0;
let settledAt: number | undefined;
let cpu: ReturnType<ReturnType<typeof cpuWindow>["since"]> | undefined;
let checks: ReturnType<typeof verify> = [];
let snapshot: Awaited<ReturnType<typeof readSnapshot>> | undefined;

const allReady = async () => {
  const times = await Promise.all((["backend", "recurring", "notifier", "site"] as const).map((s) => waitReady(cluster.urls[s])));
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
      run = { fault, how: `SIGKILL, ${downtime} s down, restarted (same data dir and port)`, killedAt, restartAt };
      run.readyAt = await allReady();
    } else if (fault === "postgres") {
      const restartAt = clock();
      await cluster.pg.restart();
      run = { fault, how: "fast shutdown and start on the same data dir and port (no extra downtime)", killedAt, restartAt };
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
    say(`${fault}: ${run.how}; ready ${run.readyAt === undefined ? "never" : `${((run.readyAt - run.restartAt) / 1000).toFixed(1)} s after the restart began`}`);
    await Bun.sleep(Math.max(0, killedAt + interval * 1000 - clock()));
  }
  await workload.stop();
  workloadStoppedAt = clock();
  cpu = usage.since();
  say(`workload stopped (${workload.mutations.length} mutations); waiting for the last reminders (${lead[1]} s ahead) and the backlog to drain`);
  // Settled: past the last reminder's time plus a margin, and nothing left in any outbox or consumer group for 3 samples in a row.
  const deadline = clock() + settle * 1000;
  while (clock() < deadline) {
    const recent = lagSampler.samples.slice(-3);
    if (clock() > workloadStoppedAt + (lead[1] + 5) * 1000 && recent.length === 3 && recent.every((s) => s.at > workloadStoppedAt && backlog(s) === 0)) {
      settledAt = clock();
      break;
    }
    await Bun.sleep(500);
  }
  await lagSampler.stop();
  say(settledAt ? `settled ${((settledAt - workloadStoppedAt) / 1000).toFixed(1)} s after the workload stopped; verifying` : `**did not settle within ${settle} s**; verifying anyway`);
  snapshot = await readSnapshot((db, text) => cluster.query(db, text));
  checks = verify(snapshot, { mutations: workload.mutations, graceSeconds: grace, settledBefore: toEpoch(workloadStoppedAt) + lead[1] * 1000 });
} catch (error) {
  console.error(error);
  failure = (error as Error).message.split("\n")[0];
} finally {
  await lagSampler?.stop();
  // The services' logs stay for a look afterwards (not committed).
  await cluster.stop(join(import.meta.dir, "..", "results", "tmp", "chaos-logs"));
}

// ---- recovery, from the samples and the notifications ----
const samples = lagSampler?.samples ?? [];
// With the workload running, lag is rarely exactly zero (offsets are committed every half second):
// "back to normal" is the backlog the warm-up showed before any fault (its 95th percentile, at least 2).
const firstFault = runs[0]?.killedAt ?? Infinity;
const warm = samples.filter((s) => s.at < firstFault && s.at > firstFault - (warmup - 5) * 1000).flatMap((s) => (backlog(s) === undefined ? [] : [backlog(s)!]));
const baseline = Math.max(2, warm.length ? percentile(warm, 95) : 0);
for (const run of runs) {
  const from = run.readyAt ?? run.restartAt;
  const window = samples.filter((s) => s.at >= run.killedAt && s.at <= run.killedAt + interval * 1000);
  run.peakBacklog = Math.max(0, ...window.map((s) => backlog(s) ?? 0));
  run.backlogZeroAt = samples.find((s) => s.at >= from && (backlog(s) ?? Infinity) <= baseline)?.at;
}
const reminders = (snapshot?.notifications ?? []).filter((n) => n.kind === "reminder");
const delivered = reminders.filter((n) => n.status === "delivered");
const lateness = delivered.map((n) => n.deliveredAt - n.targetTime);
const statusCounts = Object.entries(Object.groupBy(snapshot?.notifications ?? [], (n) => `${n.kind} ${n.status}`)).map(([k, v]) => `${k}: ${v!.length}`).join(", ");
const outcomes = Object.entries(Object.groupBy(workload.mutations, (m) => m.outcome))
  .map(([k, v]) => `${k} ${v!.length}${k === "acknowledged" ? "" : ` (${Object.entries(Object.groupBy(v!, (m) => (m.status === 0 ? "no connection" : `HTTP ${m.status}`))).map(([s, l]) => `${s}: ${l!.length}`).join(", ")})`}`)
  .join(", ");
const s1 = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? "-" : `${(ms / 1000).toFixed(1)} s`);

const recoveryRows = runs.map((r) => {
  const downFrom = toEpoch(r.killedAt);
  const downTo = toEpoch(r.readyAt ?? r.restartAt);
  const during = reminders.filter((n) => n.targetTime >= downFrom && n.targetTime < downTo);
  const next = reminders.filter((n) => n.targetTime >= downTo).sort((a, b) => a.targetTime - b.targetTime)[0];
  const byStatus = Object.entries(Object.groupBy(during, (n) => n.status)).map(([k, v]) => `${v!.length} ${k}`).join(", ") || "none";
  return [
    r.fault,
    r.how,
    s1((r.readyAt ?? NaN) - r.restartAt),
    r.backlogZeroAt === undefined ? "**not within the interval**" : s1(r.backlogZeroAt - (r.readyAt ?? r.restartAt)),
    String(r.peakBacklog),
    `${during.length}: ${byStatus}; latest ${s1(Math.max(0, ...during.filter((n) => n.status !== "missed").map((n) => n.deliveredAt - n.targetTime)))}`,
    next ? `${((next.deliveredAt - next.targetTime) / 1000).toFixed(2)} s (${next.status})` : "-",
  ];
});
const table = (headers: string[], rows: (string | number)[][]) => [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const broken = checks.filter((c) => c.failures > 0);
const command = `node_modules/.bin/bun bench/chaos/run.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
const report = [
  `# bench/chaos — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  `Command: \`${command}\` (${navigator.hardwareConcurrency} cores, shared; load average before ${loadBefore}, after ${loadAverage()}; whole run ${(clock() / 1000).toFixed(0)} s). Shape: ${cluster.description}; REMINDER_GRACE_SECONDS=${grace}.`,
  `## Workload\n\n${people} people, straight to the backend's API, ${rate} mutations per second in all: tasks with a reminder ${lead[0]}–${lead[1]} s ahead (40%), plain tasks (10%), daily series whose first occurrence is the next whole minute at least ${lead[0]} s ahead (12%), completes (15%), edits (13%), deletes (10%). ` +
    `Warm-up ${warmup} s, then one fault every ${interval} s, in this order: ${faults.join(", ")}. ` +
    `Mutations: ${workload.mutations.length} (${outcomes}; *refused*: the backend was down or said no, nothing committed; *unknown*: the connection broke mid-request). ` +
    `Notifications stored: ${statusCounts || "none"}. ` +
    (cpu ? `CPU over the workload (% of one core): ${Object.entries(cpu.percentOfOneCore).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}; machine ${cpu.machineBusyPercent.toFixed(0)}% busy.` : ""),
  `## Recovery after each fault\n\n` +
    "*Ready*: from the restart starting to the service's `/readyz` answering 200 (Kafka and PostgreSQL: every service's). *Backlog normal*: from ready until the sum of every consumer group's lag " +
    `(backend, recurring, notifier, the site's) and every service's unpublished outbox rows was back to what it was before any fault (at most ${baseline}, the warm-up's 95th percentile; sampled once a second while the workload keeps running). ` +
    `*Reminders due while down*: from the kill to ready; late ones are delivered when within the ${grace} s grace, else recorded as missed. *Next reminder*: the first one due after ready, target → stored.\n\n` +
    table(["fault", "how", "ready after", "backlog normal after", "peak backlog (events)", "reminders due while down: statuses; latest delivered after its time", "next reminder"], recoveryRows),
  `## Verification (from the services' own databases, after the backlog drained)\n\n` +
    (settledAt ? `Settled ${s1(settledAt - workloadStoppedAt)} after the workload stopped. ` : `**The backlog did not drain within ${settle} s**; the checks below ran anyway. `) +
    `${broken.length === 0 && checks.length > 0 ? "**Every check passed.**" : `**${broken.length} check(s) failed.**`}\n\n` +
    table(["check", "checked", "failures", "examples"], checks.map((c) => [c.name, c.checked, c.failures ? `**${c.failures}**` : "0", c.examples.join("; ").replaceAll("|", "/") || "-"])),
  `## Reminder lateness over the whole run\n\n` +
    `One-time reminders delivered: ${delivered.length}; target → stored p50 ${s1(percentile(lateness, 50))}, p99 ${s1(percentile(lateness, 99))}, max ${s1(Math.max(...lateness))}; later than 60 s (SC-002): ${lateness.filter((l) => l > 60_000).length}.`,
  cluster.crashes.length
    ? `## Crashes (a service exiting without being killed)\n\n` +
      "The bench started each one again after 1 s, as Kubernetes restarts a failed container; the checks above include what happened around them.\n\n" +
      cluster.crashes.map((c) => `- **${c.name}** exited (${c.exit}) at ${((c.at - epochAtStart) / 1000).toFixed(0)} s${c.restartedAt ? `, listening again ${((c.restartedAt - c.at) / 1000).toFixed(1)} s later` : ", not restarted"}; the end of its log:\n\n\`\`\`\n${c.log.trim()}\n\`\`\``).join("\n\n")
    : "No service crashed on its own during the run.",
  failure ? `## The run stopped early\n\n\`${failure}\`` : "",
  "Charts: `chaos-lag.png` (consumer lag and unpublished outbox rows over time, faults marked), `chaos-lateness.png` (each reminder's lateness against its target time).",
].filter(Boolean).join("\n\n");
console.log(`\n${report}`);
const tmpDir = join(import.meta.dir, "..", "results", "tmp");
mkdirSync(tmpDir, { recursive: true });
mkdirSync(resultsDir, { recursive: true });
writeFileSync(out, `${report}\n`);
writeFileSync(
  join(tmpDir, "chaos.json"),
  JSON.stringify({ command, out, date: new Date().toISOString(), crashes: cluster.crashes.map((c) => ({ name: c.name, atS: (c.at - epochAtStart) / 1000, exit: c.exit })), mutations: workload.mutations.length, checks: checks.map((c) => ({ name: c.name, checked: c.checked, failures: c.failures })), recovery: runs.map((r) => ({ fault: r.fault, readyS: ((r.readyAt ?? NaN) - r.restartAt) / 1000, backlogZeroS: r.backlogZeroAt === undefined ? null : (r.backlogZeroAt - (r.readyAt ?? r.restartAt)) / 1000 })), latenessP99: percentile(lateness, 99), settled: Boolean(settledAt) }, null, 1),
);

writeFileSync(join(tmpDir, "chaos-samples.json"), JSON.stringify({ runs, samples }));
const markers = runs.map((r) => ({ x: r.killedAt / 1000, label: r.fault }));
const groups = [...new Set(samples.flatMap((s) => Object.keys(s.lag)))];
await writePng(
  lineChartSvg({
    title: "bench/chaos: consumer lag and unpublished outbox rows (missing points: not readable then)",
    xLabel: "seconds since the bench started",
    yLabel: "events",
    markers,
    series: [
      ...groups.map((g) => ({ name: `lag ${g.startsWith("site") ? "site" : g}`, points: samples.filter((s) => s.lag[g] !== undefined).map((s) => [s.at / 1000, s.lag[g]!] as [number, number]) })),
      { name: "unpublished outbox (all)", points: samples.filter((s) => Object.values(s.unpublished).every((v) => v !== undefined)).map((s) => [s.at / 1000, Object.values(s.unpublished).reduce((a, b) => a! + b!, 0)!] as [number, number]) },
    ],
  }),
  join(resultsDir, "chaos-lag.png"),
);
await writePng(
  lineChartSvg({
    title: "bench/chaos: reminder lateness (target -> stored) by target time",
    xLabel: "target, seconds since the bench started",
    yLabel: "ms (log)",
    yLog: true,
    scatter: true,
    markers,
    thresholds: [{ y: grace * 1000, label: `grace ${grace} s` }],
    series: Object.entries(Object.groupBy(reminders, (n) => n.status)).map(([status, list]) => ({ name: status, points: list!.map((n) => [(n.targetTime - epochAtStart) / 1000, Math.max(1, n.deliveredAt - n.targetTime)] as [number, number]) })),
  }),
  join(resultsDir, "chaos-lateness.png"),
);
say(`wrote ${out} and its charts`);
process.exit(failure || broken.length > 0 ? 1 : 0);
