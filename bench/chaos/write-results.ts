// bench/chaos's results: recovery per fault from the lag samples and the notifications, the Markdown
// report (bench/results/chaos.md by default), the summary bench/report reads (bench/results/tmp/,
// not committed) and the two charts beside the report.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Cluster, ServiceName } from "../lib/cluster.ts";
import { markdownTable, percentile } from "../lib/stats.ts";
import { loadAverage, type CpuUsage } from "../lib/cpu.ts";
import { lineChartSvg, writePng } from "../report/charts.ts";
import { backlog, type LagSample } from "./lag.ts";
import type { Check, Snapshot } from "./verify.ts";
import type { Mutation } from "./workload.ts";

export type Fault = ServiceName | "kafka" | "postgres";

export interface FaultRun {
  fault: Fault;
  how: string;
  killedAt: number;
  restartAt: number;
  readyAt?: number;
  backlogZeroAt?: number;
  peakBacklog?: number;
}

export interface ChaosRun {
  command: string;
  out: string;
  faults: Fault[];
  people: number;
  rate: number;
  lead: [number, number];
  grace: number;
  warmup: number;
  interval: number;
  settle: number;
  runs: FaultRun[];
  samples: LagSample[];
  mutations: Mutation[];
  snapshot?: Snapshot;
  checks: Check[];
  cpu?: CpuUsage;
  settledAt?: number;
  workloadStoppedAt: number;
  failure?: string;
  crashes: Cluster["crashes"];
  description: string;
  loadBefore: string;
  epochAtStart: number;
  wholeRunSeconds: number;
}

/** Writes the report, summary and charts; resolves with the checks that failed. */
export async function writeChaosResults(run: ChaosRun): Promise<Check[]> {
  const {
    command,
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
    samples,
    mutations,
    snapshot,
    checks,
    cpu,
    settledAt,
    workloadStoppedAt,
    failure,
    crashes,
    description,
    loadBefore,
    epochAtStart,
    wholeRunSeconds,
  } = run;
  const resultsDir = dirname(out);
  const toEpoch = (t: number) => epochAtStart + t;
  // With the workload running, lag is rarely exactly zero (offsets are committed every half second):
  // "back to normal" is the backlog the warm-up showed before any fault (its 95th percentile, at least 2).
  const firstFault = runs[0]?.killedAt ?? Infinity;
  const warm = samples
    .filter((s) => s.at < firstFault && s.at > firstFault - (warmup - 5) * 1000)
    .flatMap((s) => (backlog(s) === undefined ? [] : [backlog(s)!]));
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
  const statusCounts = Object.entries(
    Object.groupBy(snapshot?.notifications ?? [], (n) => `${n.kind} ${n.status}`),
  )
    .map(([k, v]) => `${k}: ${v!.length}`)
    .join(", ");
  const outcomes = Object.entries(Object.groupBy(mutations, (m) => m.outcome))
    .map(
      ([k, v]) =>
        `${k} ${v!.length}${
          k === "acknowledged"
            ? ""
            : ` (${Object.entries(
                Object.groupBy(v!, (m) => (m.status === 0 ? "no connection" : `HTTP ${m.status}`)),
              )
                .map(([s, l]) => `${s}: ${l!.length}`)
                .join(", ")})`
        }`,
    )
    .join(", ");
  const s1 = (ms: number | undefined) =>
    ms === undefined || !Number.isFinite(ms) ? "-" : `${(ms / 1000).toFixed(1)} s`;

  const recoveryRows = runs.map((r) => {
    const downFrom = toEpoch(r.killedAt);
    const downTo = toEpoch(r.readyAt ?? r.restartAt);
    const during = reminders.filter((n) => n.targetTime >= downFrom && n.targetTime < downTo);
    const next = reminders
      .filter((n) => n.targetTime >= downTo)
      .sort((a, b) => a.targetTime - b.targetTime)[0];
    const byStatus =
      Object.entries(Object.groupBy(during, (n) => n.status))
        .map(([k, v]) => `${v!.length} ${k}`)
        .join(", ") || "none";
    return [
      r.fault,
      r.how,
      s1((r.readyAt ?? NaN) - r.restartAt),
      r.backlogZeroAt === undefined
        ? "**not within the interval**"
        : s1(r.backlogZeroAt - (r.readyAt ?? r.restartAt)),
      String(r.peakBacklog),
      `${during.length}: ${byStatus}; latest ${s1(Math.max(0, ...during.filter((n) => n.status !== "missed").map((n) => n.deliveredAt - n.targetTime)))}`,
      next ? `${((next.deliveredAt - next.targetTime) / 1000).toFixed(2)} s (${next.status})` : "-",
    ];
  });
  const broken = checks.filter((c) => c.failures > 0);
  const report = [
    `# bench/chaos — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `Command: \`${command}\` (${navigator.hardwareConcurrency} cores, shared; load average before ${loadBefore}, after ${loadAverage()}; whole run ${wholeRunSeconds.toFixed(0)} s). Shape: ${description}; REMINDER_GRACE_SECONDS=${grace}.`,
    `## Workload\n\n${people} people, straight to the backend's API, ${rate} mutations per second in all: tasks with a reminder ${lead[0]}–${lead[1]} s ahead (40%), plain tasks (10%), daily series whose first occurrence is the next whole minute at least ${lead[0]} s ahead (12%), completes (15%), edits (13%), deletes (10%). ` +
      `Warm-up ${warmup} s, then one fault every ${interval} s, in this order: ${faults.join(", ")}. ` +
      `Mutations: ${mutations.length} (${outcomes}; *refused*: the backend was down or said no, nothing committed; *unknown*: the connection broke mid-request). ` +
      `Notifications stored: ${statusCounts || "none"}. ` +
      (cpu
        ? `CPU over the workload (% of one core): ${Object.entries(cpu.percentOfOneCore)
            .map(([k, v]) => `${k} ${v.toFixed(0)}`)
            .join(", ")}; machine ${cpu.machineBusyPercent.toFixed(0)}% busy.`
        : ""),
    `## Recovery after each fault\n\n` +
      "*Ready*: from the restart starting to the service's `/readyz` answering 200 (Kafka and PostgreSQL: every service's). *Backlog normal*: from ready until the sum of every consumer group's lag " +
      `(backend, recurring, notifier, the site's) and every service's unpublished outbox rows was back to what it was before any fault (at most ${baseline}, the warm-up's 95th percentile; sampled once a second while the workload keeps running). ` +
      `*Reminders due while down*: from the kill to ready; late ones are delivered when within the ${grace} s grace, else recorded as missed. *Next reminder*: the first one due after ready, target → stored.\n\n` +
      markdownTable(
        [
          "fault",
          "how",
          "ready after",
          "backlog normal after",
          "peak backlog (events)",
          "reminders due while down: statuses; latest delivered after its time",
          "next reminder",
        ],
        recoveryRows,
      ),
    `## Verification (from the services' own databases, after the backlog drained)\n\n` +
      (settledAt
        ? `Settled ${s1(settledAt - workloadStoppedAt)} after the workload stopped. `
        : `**The backlog did not drain within ${settle} s**; the checks below ran anyway. `) +
      `${broken.length === 0 && checks.length > 0 ? "**Every check passed.**" : `**${broken.length} check(s) failed.**`}\n\n` +
      markdownTable(
        ["check", "checked", "failures", "examples"],
        checks.map((c) => [
          c.name,
          c.checked,
          c.failures ? `**${c.failures}**` : "0",
          c.examples.join("; ").replaceAll("|", "/") || "-",
        ]),
      ),
    `## Reminder lateness over the whole run\n\n` +
      `One-time reminders delivered: ${delivered.length}; target → stored p50 ${s1(percentile(lateness, 50))}, p99 ${s1(percentile(lateness, 99))}, max ${s1(Math.max(...lateness))}; later than 60 s (SC-002): ${lateness.filter((l) => l > 60_000).length}.`,
    crashes.length
      ? `## Crashes (a service exiting without being killed)\n\n` +
        "The bench started each one again after 1 s, as Kubernetes restarts a failed container; the checks above include what happened around them.\n\n" +
        crashes
          .map(
            (c) =>
              `- **${c.name}** exited (${c.exit}) at ${((c.at - epochAtStart) / 1000).toFixed(0)} s${c.restartedAt ? `, listening again ${((c.restartedAt - c.at) / 1000).toFixed(1)} s later` : ", not restarted"}; the end of its log:\n\n\`\`\`\n${c.log.trim()}\n\`\`\``,
          )
          .join("\n\n")
      : "No service crashed on its own during the run.",
    failure ? `## The run stopped early\n\n\`${failure}\`` : "",
    "Charts: `chaos-lag.png` (consumer lag and unpublished outbox rows over time, faults marked), `chaos-lateness.png` (each reminder's lateness against its target time).",
  ]
    .filter(Boolean)
    .join("\n\n");
  console.log(`\n${report}`);
  const tmpDir = join(import.meta.dir, "..", "results", "tmp");
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(out, `${report}\n`);
  // Only for results written under bench/results, so a trial run elsewhere does not replace the latest.
  if (resolve(out).startsWith(resolve(import.meta.dir, "..", "results")))
    writeFileSync(
      join(tmpDir, "chaos.json"),
      JSON.stringify(
        {
          command,
          out,
          date: new Date().toISOString(),
          crashes: crashes.map((c) => ({ name: c.name, atS: (c.at - epochAtStart) / 1000, exit: c.exit })),
          mutations: mutations.length,
          checks: checks.map((c) => ({ name: c.name, checked: c.checked, failures: c.failures })),
          recovery: runs.map((r) => ({
            fault: r.fault,
            readyS: ((r.readyAt ?? NaN) - r.restartAt) / 1000,
            backlogZeroS:
              r.backlogZeroAt === undefined ? null : (r.backlogZeroAt - (r.readyAt ?? r.restartAt)) / 1000,
          })),
          latenessP99: percentile(lateness, 99),
          settled: Boolean(settledAt),
        },
        null,
        1,
      ),
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
        ...groups.map((g) => ({
          name: `lag ${g.startsWith("site") ? "site" : g}`,
          points: samples
            .filter((s) => s.lag[g] !== undefined)
            .map((s) => [s.at / 1000, s.lag[g]!] as [number, number]),
        })),
        {
          name: "unpublished outbox (all)",
          points: samples
            .filter((s) => Object.values(s.unpublished).every((v) => v !== undefined))
            .map(
              (s) =>
                [s.at / 1000, Object.values(s.unpublished).reduce((a, b) => a! + b!, 0)!] as [number, number],
            ),
        },
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
      series: Object.entries(Object.groupBy(reminders, (n) => n.status)).map(([status, list]) => ({
        name: status,
        points: list!.map(
          (n) =>
            [(n.targetTime - epochAtStart) / 1000, Math.max(1, n.deliveredAt - n.targetTime)] as [
              number,
              number,
            ],
        ),
      })),
    }),
    join(resultsDir, "chaos-lateness.png"),
  );
  return broken;
}
