// bench/load: simulated people using the product through the site, in the distributed shape
// (backend, recurring, notifier and site as four processes, PostgreSQL, Kafka), real time. Each has
// their own account (signed up through the API), holds a `GET /events` stream open and, every
// `--think` seconds on average, does one action of a realistic mix (user.ts: chat turns that add,
// complete and search; list and filter calls). Steps through `--steps` concurrent users, then, with
// `--find-max`, steps on (and bisects once) to the most users served with p99 < 3 s for these simple
// operations and under 0.1% errors (SC-009). Target (issue 8): 500 users with p99 < 1 s and no errors.
// The load generator is one Bun process on the same 2 cores: its CPU and event-loop lag are reported.
// Usage: bun bench/load/run.ts [--steps 500,1000,2000] [--think 10] [--ramp 15] [--measure 40]
//          [--find-max true] [--max-users 3000] [--step-up 1000] [--signup-concurrency 6] [--out bench/results/load.md]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAverage, startCluster, type Cluster } from "../lib/cluster.ts";
import { percentile } from "../lib/stats.ts";
import { cpuWindow } from "../reminders/cpu.ts";
import { lineChartSvg, barChartSvg, writePng } from "../report/charts.ts";
import { MIX, OP_KINDS, SimulatedUser, type Recorder } from "./user.ts";

// Bun's fetch keeps at most 256 requests in flight per process (BUN_CONFIG_MAX_HTTP_REQUESTS); every
// open event stream is one, so the generator restarts itself with the limit raised, and with the
// open-files limit at its hard maximum (two descriptors per user here, one more in the site).
if (!process.env.BUN_CONFIG_MAX_HTTP_REQUESTS) {
  const child = Bun.spawn(["sh", "-c", 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...process.argv.slice(1)], {
    env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: "65000" },
    stdio: ["inherit", "inherit", "inherit"],
  });
  process.exit(await child.exited);
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const steps = arg("steps", "500,1000,2000").split(",").map(Number);
const think = Number(arg("think", "10"));
const rampSeconds = Number(arg("ramp", "15"));
const measureSeconds = Number(arg("measure", "40"));
const findMax = arg("find-max", "true") === "true";
const maxUsers = Number(arg("max-users", "3000"));
const stepUp = Number(arg("step-up", "1000"));
const signupConcurrency = Number(arg("signup-concurrency", "6"));
const out = arg("out", join(import.meta.dir, "..", "results", "load.md"));
const resultsDir = join(out, "..");
const P99_LIMIT_MS = 3000;
const ERROR_LIMIT = 0.001;

const benchStarted = performance.now();
const clock = () => performance.now() - benchStarted;
const say = (line: string) => console.error(`[${(clock() / 1000).toFixed(0).padStart(4)} s] ${line}`);
const loadBefore = loadAverage();
const fdLimit = Bun.spawnSync(["sh", "-c", "ulimit -n"]).stdout.toString().trim();

export interface StepResult {
  users: number;
  seconds: number;
  ops: number;
  errors: number;
  errorKinds: Record<string, number>;
  latency: number[];
  byKind: Record<string, number[]>;
  live: number[];
  streamsOpen: number;
  streamErrors: number;
  cpu: ReturnType<ReturnType<typeof cpuWindow>["since"]>;
  lagP99: number;
  lagMax: number;
  passed: boolean;
}

const recorder: Recorder = { samples: [], live: [] };
const runId = crypto.randomUUID().slice(0, 8);
const users: SimulatedUser[] = [];
let signupSeconds = 0;
let signedUp = 0;

// Event-loop lag of the generator: a late timer means its own measurements are late too.
const lags: { at: number; ms: number }[] = [];
let expected = performance.now() + 100;
const lagTimer = setInterval(() => {
  const now = performance.now();
  lags.push({ at: clock(), ms: Math.max(0, now - expected) });
  expected = now + 100;
}, 100);

async function ensureUsers(cluster: Cluster, n: number) {
  const started = performance.now();
  const fresh: SimulatedUser[] = [];
  for (let i = users.length; i < n; i++) fresh.push(new SimulatedUser(i, cluster.urls.site, recorder, clock));
  users.push(...fresh);
  let next = 0;
  await Promise.all(
    Array.from({ length: signupConcurrency }, async () => {
      while (next < fresh.length) {
        const user = fresh[next++]!;
        for (let attempt = 0; ; attempt++) {
          try {
            await user.signUp(runId);
            break;
          } catch (error) {
            if (attempt >= 3) throw error;
            await Bun.sleep(500);
          }
        }
      }
    }),
  );
  signupSeconds += (performance.now() - started) / 1000;
  signedUp += fresh.length;
}

async function setActive(n: number) {
  await Promise.all(users.slice(n).map((u) => u.stop()));
  // Streams connect in batches, as browsers arriving; each is one request in flight from then on.
  for (let i = 0; i < n; i += 100) await Promise.all(users.slice(i, Math.min(n, i + 100)).map((u) => u.connect()));
  for (const user of users.slice(0, n)) user.start(think);
}

async function runStep(cluster: Cluster, n: number): Promise<StepResult> {
  say(`step ${n} users: signing up ${Math.max(0, n - users.length)} more`);
  await ensureUsers(cluster, n);
  await setActive(n);
  say(`step ${n} users: all streams opened; ramping ${rampSeconds} s`);
  await Bun.sleep(rampSeconds * 1000);
  const from = clock();
  const cpu = cpuWindow(cluster.cpu);
  // This process only: the services, Kafka and PostgreSQL are its children, which cpuWindow would count in.
  const ownBefore = process.cpuUsage();
  await Bun.sleep(measureSeconds * 1000);
  const to = clock();
  const usage = cpu.since();
  const own = process.cpuUsage(ownBefore);
  usage.percentOfOneCore["load generator (this process)"] = ((own.user + own.system) / 1e6 / usage.wallSeconds) * 100;
  const window = recorder.samples.filter((s) => s.at >= from && s.at < to);
  const errors = window.filter((s) => s.status < 200 || s.status >= 300);
  const errorKinds: Record<string, number> = {};
  for (const e of errors) {
    const name = e.status === -1 ? "timeout" : e.status === 0 ? "network" : `HTTP ${e.status}`;
    errorKinds[name] = (errorKinds[name] ?? 0) + 1;
  }
  const ok = window.filter((s) => s.status >= 200 && s.status < 300);
  const latency = window.map((s) => s.ms);
  const byKind = Object.fromEntries(OP_KINDS.map((k) => [k, window.filter((s) => s.kind === k).map((s) => s.ms)]));
  const lagWindow = lags.filter((l) => l.at >= from && l.at < to).map((l) => l.ms);
  const active = users.slice(0, n);
  const result: StepResult = {
    users: n,
    seconds: (to - from) / 1000,
    ops: window.length,
    errors: errors.length,
    errorKinds,
    latency,
    byKind,
    live: recorder.live.filter((l) => l.at >= from && l.at < to).map((l) => l.ms),
    streamsOpen: active.filter((u) => u.stream?.open()).length,
    streamErrors: active.filter((u) => u.stream?.error).length,
    cpu: usage,
    lagP99: percentile(lagWindow, 99),
    lagMax: Math.max(0, ...lagWindow),
    passed: latency.length > 0 && percentile(latency, 99) < P99_LIMIT_MS && errors.length / window.length <= ERROR_LIMIT,
  };
  say(`step ${n} users: ${ok.length}/${window.length} ok, p50 ${percentile(latency, 50).toFixed(0)} ms, p99 ${percentile(latency, 99).toFixed(0)} ms, streams ${result.streamsOpen}/${n}, ${result.passed ? "passed" : "FAILED"}`);
  return result;
}

say(`starting the distributed shape (open-files limit ${fdLimit})`);
const cluster = await startCluster();
const results: StepResult[] = [];
let failure: string | undefined;
try {
  for (const n of steps) results.push(await runStep(cluster, n));
  if (findMax) {
    let best = Math.max(0, ...results.filter((r) => r.passed).map((r) => r.users));
    const worstPassFailed = results.filter((r) => !r.passed).map((r) => r.users);
    let ceiling = worstPassFailed.length ? Math.min(...worstPassFailed.filter((u) => u > best), Infinity) : Infinity;
    while (ceiling === Infinity && best + stepUp <= maxUsers) {
      const r = await runStep(cluster, best + stepUp);
      results.push(r);
      if (r.passed) best = r.users;
      else ceiling = r.users;
    }
    // One bisection between the last pass and the first failure, to the nearest 100 users.
    const mid = Math.round((best + ceiling) / 200) * 100;
    if (Number.isFinite(ceiling) && mid > best && mid < ceiling) results.push(await runStep(cluster, mid));
  }
} catch (error) {
  console.error(error);
  failure = (error as Error).message.split("\n")[0];
  process.exitCode = 1;
} finally {
  clearInterval(lagTimer);
  await Promise.all(users.map((u) => u.stop()));
  await cluster.stop();
}

// ---- report ----
const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "-");
const p = (values: number[], q: number) => (values.length ? f0(percentile(values, q)) : "-");
const table = (headers: string[], rows: (string | number)[][]) => [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const sorted = [...results].sort((a, b) => a.users - b.users);
const passedUsers = sorted.filter((r) => r.passed).map((r) => r.users);
const firstFail = sorted.find((r) => !r.passed && r.users > Math.max(0, ...passedUsers));
const maxServed = passedUsers.length ? Math.max(...passedUsers) : 0;
const at500 = sorted.find((r) => r.users === 500);
const target500 = at500 ? at500.errors === 0 && percentile(at500.latency, 99) < 1000 : undefined;

const sections: string[] = [];
sections.push(
  `## Latency and errors per step\n\n` +
    `Every request a simulated person makes through the site (\`/api/*\` proxied to the backend), timed in the load generator from sending to the whole answer read, over a ${measureSeconds} s window after a ${rampSeconds} s ramp. ` +
    `Each person acts every ${think} s on average (uniform ${think / 2}–${(think * 1.5).toFixed(0)} s): ${MIX.map(([k, s]) => `${k} ${(s * 100).toFixed(0)}%`).join(", ")}. ` +
    "An error is any answer other than 2xx, a network error or no answer within 15 s. *Passed*: p99 < 3 s over all these simple operations and at most 0.1% errors (SC-009). " +
    "*Live update*: a chat turn sent → that task's event arrived on the person's own `/events` stream (backend outbox → Kafka → site → SSE).\n\n" +
    table(
      ["users", "requests", "per second", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "SSE streams open", "live update p50 / p99 ms", "passed"],
      sorted.map((r) => [r.users, r.ops, (r.ops / r.seconds).toFixed(1), p(r.latency, 50), p(r.latency, 95), p(r.latency, 99), f0(Math.max(...r.latency)), r.errors ? `**${r.errors}** (${Object.entries(r.errorKinds).map(([k, v]) => `${k}: ${v}`).join(", ")})` : "0", `${r.streamsOpen} / ${r.users}${r.streamErrors ? ` (${r.streamErrors} failed)` : ""}`, `${p(r.live, 50)} / ${p(r.live, 99)}`, r.passed ? "yes" : "**no**"]),
    ),
);
sections.push(
  `## p50 / p99 by operation (ms)\n\n` +
    table(["users", ...OP_KINDS], sorted.map((r) => [r.users, ...OP_KINDS.map((k) => `${p(r.byKind[k]!, 50)} / ${p(r.byKind[k]!, 99)} (${r.byKind[k]!.length})`)])),
);
const cpuNames = Object.keys(sorted[0]?.cpu.percentOfOneCore ?? {});
sections.push(
  `## CPU (% of one core over the window) and the generator's own lag\n\n` +
    `The machine has ${navigator.hardwareConcurrency} cores, shared with other work; the load generator runs on them too, so its share is taken from the services. ` +
    "*Generator lag*: how late its 100 ms timer fired (p99 / max); latencies above include that much of its own delay.\n\n" +
    table(["users", ...cpuNames, "machine busy", "generator lag p99 / max ms"], sorted.map((r) => [r.users, ...cpuNames.map((n) => f0(r.cpu.percentOfOneCore[n]!)), `${f0(r.cpu.machineBusyPercent)}%`, `${f0(r.lagP99)} / ${f0(r.lagMax)}`])),
);
sections.push(
  `## Result\n\n` +
    `- Target, 500 users with p99 < 1 s and no errors: ${target500 === undefined ? "not measured (no 500-user step)" : target500 ? `**met** (p99 ${p(at500!.latency, 99)} ms, 0 errors)` : `**missed** (p99 ${p(at500!.latency, 99)} ms, ${at500!.errors} errors)`}.\n` +
    `- Most users served with p99 < 3 s and ≤ 0.1% errors (SC-009): **${maxServed.toLocaleString("en")}**${firstFail ? ` (the next step measured, ${firstFail.users.toLocaleString("en")}, failed: p99 ${p(firstFail.latency, 99)} ms, ${firstFail.errors} errors)` : findMax ? ` (no failing step up to ${Math.max(...sorted.map((r) => r.users)).toLocaleString("en")}; --max-users ${maxUsers})` : ""}.\n` +
    `- Sign-up (argon2id through the site and backend, ${signupConcurrency} at a time, before each step): ${signedUp} accounts in ${signupSeconds.toFixed(0)} s (${(signedUp / Math.max(signupSeconds, 1e-3)).toFixed(1)}/s).\n` +
    `- Open-files limit of the generator and services: ${fdLimit} (each person is one socket in the generator and one in the site; raised to the hard limit by the generator itself). Bun's fetch limit of 256 requests in flight is raised to 65,000 in the generator only (BUN_CONFIG_MAX_HTTP_REQUESTS); the site's proxy runs with the default.` +
    (failure ? `\n- **The run stopped early**: \`${failure}\`` : ""),
);

const command = `node_modules/.bin/bun bench/load/run.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
const report = [
  `# bench/load — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  `Command: \`${command}\` (${navigator.hardwareConcurrency} cores, shared; load average before ${loadBefore}, after ${loadAverage()}; whole run ${(clock() / 1000).toFixed(0)} s). Shape: ${cluster.description}; the load generator is one more Bun process on the same machine.`,
  ...sections,
  "Charts: `load-latency.png` (p50 / p95 / p99 per step), `load-throughput.png` (requests per second and errors per step).",
].join("\n\n");
console.log(`\n${report}`);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(out, `${report}\n`);
// The figures bench/report puts in its summary table (bench/results/tmp/ is not committed).
const tmpDir = join(import.meta.dir, "..", "results", "tmp");
mkdirSync(tmpDir, { recursive: true });
writeFileSync(
  join(tmpDir, "load.json"),
  JSON.stringify({ command, out, date: new Date().toISOString(), maxServed, target500, steps: sorted.map((r) => ({ users: r.users, perSecond: r.ops / r.seconds, p50: percentile(r.latency, 50), p95: percentile(r.latency, 95), p99: percentile(r.latency, 99), errors: r.errors, passed: r.passed, liveP99: percentile(r.live, 99) })) }, null, 1),
);

await writePng(
  lineChartSvg({
    title: "bench/load: request latency by concurrent users (through the site)",
    xLabel: "concurrent users",
    yLabel: "ms (log)",
    yLog: true,
    series: [50, 95, 99].map((q) => ({ name: `p${q}`, points: sorted.map((r) => [r.users, Math.max(1, percentile(r.latency, q))] as [number, number]) })),
    thresholds: [{ y: 3000, label: "SC-009: 3 s" }, { y: 1000, label: "target at 500 users: 1 s" }],
  }),
  join(resultsDir, "load-latency.png"),
);
await writePng(
  barChartSvg({
    title: "bench/load: requests per second and errors per step",
    yLabel: "count",
    categories: sorted.map((r) => `${r.users} users`),
    series: [
      { name: "requests/s", values: sorted.map((r) => r.ops / r.seconds) },
      { name: "errors in the window", values: sorted.map((r) => r.errors) },
    ],
  }),
  join(resultsDir, "load-throughput.png"),
);
say(`wrote ${out} and its charts`);
process.exit(process.exitCode ?? 0);
