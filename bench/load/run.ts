// bench/load: simulated people using the product through the site, in the distributed shape
// (backend, recurring, notifier and site as four processes, PostgreSQL, Kafka), real time. Each has
// their own account (seeded straight into the backend's table with tokens minted as the backend
// does, or with `--accounts api` signed up through the API), holds a `GET /events` stream open
// and, every `--think` seconds on average, does one action of a realistic mix (user.ts: chat turns
// that add, complete and search; list and filter calls). Steps through `--steps` concurrent users,
// each followed (`--bare true`) by the same people and mix against the bare baseline
// (bare-server.ts); then, with `--find-max`, steps on (and bisects once) to the most users served
// with p99 < 3 s for these simple operations and under 0.1% errors (SC-009). Each process's CPU per
// request is reported; `--cpu-prof DIR` writes every service's CPU profile there when it stops.
// The load generator is one Bun process on the same 2 cores: its CPU and event-loop lag are reported.
// Usage: bun bench/load/run.ts [--steps 500,1000,2000] [--think 10] [--ramp 15] [--measure 40]
//          [--find-max true] [--max-users 3000] [--step-up 1000] [--accounts seeded|api]
//          [--signup-concurrency 6] [--bare true] [--cpu-prof DIR] [--out bench/results/load.md]
import { join } from "node:path";
import { startCluster, type Cluster } from "../lib/cluster.ts";
import { percentile } from "../lib/stats.ts";
import { cpuWindow, loadAverage, type CpuGroups } from "../lib/cpu.ts";
import { freePort } from "../../scripts/infra/free-port.ts";
import { OP_KINDS, SimulatedUser, type Recorder } from "./user.ts";
import { writeLoadResults, type StepResult } from "./write-results.ts";
import { arg } from "../lib/args.ts";
import { restartWithRaisedLimits } from "../lib/raised-limits.ts";
import { seedAccounts } from "../lib/seed-accounts.ts";

// Every open event stream is one request in flight (two descriptors per user here, one more in the
// site): above Bun's default limit of 256.
await restartWithRaisedLimits();

const steps = arg("steps", "500,1000,2000").split(",").map(Number);
const think = Number(arg("think", "10"));
const rampSeconds = Number(arg("ramp", "15"));
const measureSeconds = Number(arg("measure", "40"));
const findMax = arg("find-max", "true") === "true";
const maxUsers = Number(arg("max-users", "3000"));
const stepUp = Number(arg("step-up", "1000"));
const signupConcurrency = Number(arg("signup-concurrency", "6"));
// seeded: rows straight into the backend's users table and tokens minted as the backend does
// (bench/lib/seed-accounts.ts), seconds for 8,000; api: each one through POST /api/auth/signup.
const accounts = arg("accounts", "seeded");
if (accounts !== "seeded" && accounts !== "api") throw new Error("--accounts is seeded or api");
const cpuProfileDir = arg("cpu-prof", "") || undefined;
// After each of --steps, the same people and request mix against bench/load/bare-server.ts.
const withBare = arg("bare", "true") === "true";
const out = arg("out", join(import.meta.dir, "..", "results", "load.md"));
const P99_LIMIT_MS = 3000;
const ERROR_LIMIT = 0.001;

const benchStarted = performance.now();
const clock = () => performance.now() - benchStarted;
const say = (line: string) => console.error(`[${(clock() / 1000).toFixed(0).padStart(4)} s] ${line}`);
const loadBefore = loadAverage();
const fdLimit = Bun.spawnSync(["sh", "-c", "ulimit -n"]).stdout.toString().trim();

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
  if (accounts === "seeded") {
    const made = await seedAccounts(
      cluster.databases.backend,
      cluster.authSecret,
      fresh.map((u) => u.email(runId)),
    );
    made.forEach((account, i) => fresh[i]!.useSession(account.token));
  } else await signUpThroughApi(fresh);
  signupSeconds += (performance.now() - started) / 1000;
  signedUp += fresh.length;
}

async function signUpThroughApi(fresh: SimulatedUser[]) {
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
}

/**
 * Committed transactions so far in each service's database (PostgreSQL's own statistics, flushed
 * about once a second): per request, a load-independent count of the database work a request causes.
 */
async function transactionCounts(cluster: Cluster): Promise<Record<string, number>> {
  const names = Object.fromEntries(
    Object.entries(cluster.databases).map(([service, url]) => [new URL(url).pathname.slice(1), service]),
  );
  await Bun.sleep(1100); // let the backends flush what they counted
  const rows = await cluster.query("backend", "select datname, xact_commit from pg_stat_database");
  return Object.fromEntries(
    rows
      .filter((r) => names[r.datname as string])
      .map((r) => [names[r.datname as string]!, Number(r.xact_commit)]),
  );
}

/** Where a step's requests go: the site (with event streams) or the bare baseline (without). */
interface Target {
  name: "project" | "bare";
  url: string;
  cpu: CpuGroups;
}

async function setActive(n: number, target: Target) {
  if (target.name === "bare") {
    await Promise.all(users.map((u) => u.stop()));
    for (const user of users.slice(0, n)) user.aimAt(target.url);
    for (const user of users.slice(0, n)) user.start(think);
    return;
  }
  await Promise.all(users.slice(n).map((u) => u.stop()));
  for (const user of users.slice(0, n)) user.aimAt(target.url);
  // Streams connect in batches, as browsers arriving; each is one request in flight from then on.
  for (let i = 0; i < n; i += 100)
    await Promise.all(users.slice(i, Math.min(n, i + 100)).map((u) => u.connect()));
  for (const user of users.slice(0, n)) user.start(think);
}

async function runStep(cluster: Cluster, n: number, target: Target = projectTarget): Promise<StepResult> {
  say(`step ${n} users: making ${Math.max(0, n - users.length)} more accounts (${accounts})`);
  await ensureUsers(cluster, n);
  await setActive(n, target);
  say(`step ${n} users (${target.name}): all started; ramping ${rampSeconds} s`);
  await Bun.sleep(rampSeconds * 1000);
  const from = clock();
  const transactionsBefore = await transactionCounts(cluster);
  const cpu = cpuWindow(target.cpu);
  // This process only: the services, Kafka and PostgreSQL are its children, which cpuWindow would count in.
  const ownBefore = process.cpuUsage();
  await Bun.sleep(measureSeconds * 1000);
  const to = clock();
  const usage = cpu.since();
  const own = process.cpuUsage(ownBefore);
  const transactionsAfter = await transactionCounts(cluster);
  usage.percentOfOneCore["load generator (this process)"] =
    ((own.user + own.system) / 1e6 / usage.wallSeconds) * 100;
  const window = recorder.samples.filter((s) => s.at >= from && s.at < to);
  const errors = window.filter((s) => s.status < 200 || s.status >= 300);
  const errorKinds: Record<string, number> = {};
  for (const e of errors) {
    const name = e.status === -1 ? "timeout" : e.status === 0 ? "network" : `HTTP ${e.status}`;
    errorKinds[name] = (errorKinds[name] ?? 0) + 1;
  }
  const ok = window.filter((s) => s.status >= 200 && s.status < 300);
  const latency = window.map((s) => s.ms);
  const byKind = Object.fromEntries(
    OP_KINDS.map((k) => [k, window.filter((s) => s.kind === k).map((s) => s.ms)]),
  );
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
    transactions: Object.fromEntries(
      Object.entries(transactionsAfter).map(([db, n]) => [db, n - (transactionsBefore[db] ?? 0)]),
    ),
    lagP99: percentile(lagWindow, 99),
    lagMax: Math.max(0, ...lagWindow),
    passed:
      latency.length > 0 &&
      percentile(latency, 99) < P99_LIMIT_MS &&
      errors.length / window.length <= ERROR_LIMIT,
  };
  say(
    `step ${n} users (${target.name}): ${ok.length}/${window.length} ok, p50 ${percentile(latency, 50).toFixed(0)} ms, p99 ${percentile(latency, 99).toFixed(0)} ms, streams ${result.streamsOpen}/${n}, ${result.passed ? "passed" : "FAILED"}`,
  );
  return result;
}

/** bench/load/bare-server.ts on the backend's database, its CPU and PostgreSQL's counted. */
async function startBare(cluster: Cluster) {
  const port = await freePort();
  const child = Bun.spawn(
    [process.execPath, join(import.meta.dir, "bare-server.ts"), String(port), cluster.databases.backend],
    { stdout: "pipe", stderr: "inherit", env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: undefined } },
  );
  const reader = child.stdout.getReader();
  for (let seen = ""; !seen.includes("bare listening"); ) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the bare baseline exited while starting");
    seen += new TextDecoder().decode(value);
  }
  const target: Target = {
    name: "bare",
    url: `http://127.0.0.1:${port}`,
    cpu: {
      "bare server": () => [child.pid],
      "PostgreSQL (all backends)": cluster.cpu["PostgreSQL (all backends)"]!,
    },
  };
  return { child, target };
}

say(`starting the distributed shape (open-files limit ${fdLimit})`);
const cluster = await startCluster({ cpuProfileDir });
const projectTarget: Target = { name: "project", url: cluster.urls.site, cpu: cluster.cpu };
const bare = withBare ? await startBare(cluster) : undefined;
const results: StepResult[] = [];
const bareResults: StepResult[] = [];
let failure: string | undefined;
try {
  for (const n of steps) {
    results.push(await runStep(cluster, n));
    if (bare) bareResults.push(await runStep(cluster, n, bare.target));
  }
  if (findMax) {
    // best: the most users that passed; ceiling: the fewest above it that failed (Infinity: none yet).
    let best = Math.max(0, ...results.filter((r) => r.passed).map((r) => r.users));
    let ceiling = Math.min(
      Infinity,
      ...results.filter((r) => !r.passed && r.users > best).map((r) => r.users),
    );
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
  bare?.child.kill();
  await cluster.stop();
}

await writeLoadResults({
  results,
  bareResults,
  out,
  command: `node_modules/.bin/bun bench/load/run.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`,
  measureSeconds,
  rampSeconds,
  think,
  findMax,
  maxUsers,
  signupConcurrency,
  accounts,
  signedUp,
  signupSeconds,
  fdLimit,
  failure,
  loadBefore,
  wholeRunSeconds: clock() / 1000,
  description: cluster.description,
});
say(`wrote ${out} and its charts`);
process.exit(process.exitCode ?? 0);
