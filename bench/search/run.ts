// bench/search: seeds 10,000 and 100,000 tasks (bench/lib/task-corpus.ts, the shape of issue 19)
// for one user and times issue 19's query mix through HTTP against the real backend (Bun.serve +
// PGlite, and PostgreSQL), interleaved request by request with a bare Bun handler running the
// same SQL on the same database (bench/search/bare-server.ts); both must answer with the same tasks.
// Planner statistics are what the running system has: PGlite's adapter analyzes changed tables
// every 10 s (called here right after seeding), PostgreSQL's autovacuum does the same.
// --explain prints EXPLAIN (ANALYZE, BUFFERS) of each kind's SQL after seeding (after one warm run).
// Usage: bun bench/search/run.ts [--sizes 10000,100000] [--drivers pglite,postgres] [--queries 200] [--clients 8] [--rounds 2] [--explain]
import { sql } from "drizzle-orm";
import { analyzeStaleTables, openDatabase, rowsOf, type Database } from "@todo/messaging/db";
import { createApp } from "../../services/backend/src/app.ts";
import { MIGRATIONS } from "../../services/backend/src/main.ts";
import { startPostgres } from "../../scripts/infra/postgres.ts";
import { cpuSeconds, loadAverage } from "../lib/cpu.ts";
import { percentile, printTable } from "../lib/stats.ts";
import { arg } from "../lib/args.ts";
import { inProcessBackendDeps } from "../lib/in-process-backend.ts";
import { startBareServer } from "./bare-server.ts";
import { QUERY_KINDS } from "./queries.ts";
import { seedCorpus } from "./seed.ts";

const sizes = arg("sizes", "10000,100000").split(",").map(Number);
const drivers = arg("drivers", "pglite,postgres").split(",");
const queriesPerKind = Number(arg("queries", "200"));
const clients = Number(arg("clients", "8"));
const rounds = Number(arg("rounds", "2"));
const explain = process.argv.includes("--explain");

const f1 = (n: number) => n.toFixed(1);

async function timedGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; ids: string[] }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { items: { id: string }[] };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { ms, ids: body.items.map((item) => item.id) };
}

interface Rate {
  /** Requests per second. */
  perSecond: number;
  /** CPU milliseconds per request of this process (client, server and PGlite alike). */
  cpuMs: number;
  /** The same with its child processes (PostgreSQL's backends), from /proc in 10 ms ticks. */
  cpuMsWithChildren: number;
}

/**
 * Requests per second with `clients` requests in flight over the whole mix, `total` requests, and
 * the CPU each took: the load-independent measure (the client's share is the same for both servers).
 */
async function throughput(urls: string[], headers: Record<string, string>, total: number): Promise<Rate> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const withChildren0 = cpuSeconds([process.pid]);
  const t0 = performance.now();
  const worker = async () => {
    while (next < total) await (await fetch(urls[next++ % urls.length]!, { headers })).arrayBuffer();
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    perSecond: total / seconds,
    cpuMs: (cpu.user + cpu.system) / 1000 / total,
    cpuMsWithChildren: ((cpuSeconds([process.pid]) - withChildren0) * 1000) / total,
  };
}

async function run(driver: string, size: number, url?: string) {
  const database: Database = await openDatabase({
    driver: driver as "pglite" | "postgres",
    url,
    migrationsFolder: MIGRATIONS,
    poolSize: 10,
  });
  const userId = crypto.randomUUID();
  const seeded = performance.now();
  await seedCorpus(database, userId, size);
  if (driver === "pglite") await analyzeStaleTables(database.db);
  else await database.db.execute(sql`analyze`);
  console.error(
    `seeded ${size} tasks on ${driver} in ${f1((performance.now() - seeded) / 1000)} s (load average ${loadAverage()})`,
  );
  if (explain) {
    for (const kind of QUERY_KINDS) {
      const text = kind.bareSql.replaceAll("$1", `'${userId}'`);
      await database.db.execute(sql.raw(text));
      const plan = await database.db.execute(sql.raw(`explain (analyze, buffers) ${text}`));
      console.error(
        `\n-- ${kind.name} (${driver}, ${size} tasks, load average ${loadAverage()})\n${rowsOf<
          Record<string, string>
        >(plan)
          .map((row) => Object.values(row)[0])
          .join("\n")}`,
      );
    }
  }
  const deps = inProcessBackendDeps(database);
  const app = createApp(deps).listen({ port: 0, hostname: "127.0.0.1" });
  const bare = startBareServer(database, QUERY_KINDS, userId);
  const base = `http://127.0.0.1:${app.server!.port}/api/tasks`;
  const headers = { authorization: `Bearer ${await deps.tokens.issue(userId)}` };
  const rows: (string | number)[][] = [];
  const all: number[] = [];
  const allBare: number[] = [];
  for (const [index, kind] of QUERY_KINDS.entries()) {
    const projectUrl = `${base}?${kind.query}`;
    const bareUrl = `${bare.url}${index}`;
    const first = await timedGet(projectUrl, headers);
    const firstBare = await timedGet(bareUrl, {});
    if (first.ids.join() !== firstBare.ids.join())
      throw new Error(`${kind.name}: the backend and the bare handler list different tasks`);
    for (let i = 0; i < 4; i++) await Promise.all([timedGet(projectUrl, headers), timedGet(bareUrl, {})]); // warm-up
    const samples: number[] = [];
    const bareSamples: number[] = [];
    for (let i = 0; i < queriesPerKind; i++) {
      samples.push((await timedGet(projectUrl, headers)).ms);
      bareSamples.push((await timedGet(bareUrl, {})).ms);
    }
    all.push(...samples);
    allBare.push(...bareSamples);
    const p95 = percentile(samples, 95);
    const bareP95 = percentile(bareSamples, 95);
    rows.push([
      driver,
      size,
      kind.name,
      first.ids.length,
      f1(percentile(samples, 50)),
      f1(p95),
      f1(percentile(bareSamples, 50)),
      f1(bareP95),
      (p95 / bareP95).toFixed(2),
    ]);
  }
  const p95 = percentile(all, 95);
  const bareP95 = percentile(allBare, 95);
  rows.push([
    driver,
    size,
    "**all combined-filter queries**",
    "",
    f1(percentile(all, 50)),
    f1(p95),
    f1(percentile(allBare, 50)),
    f1(bareP95),
    (p95 / bareP95).toFixed(2),
  ]);
  const total = Math.max(100, queriesPerKind * 2);
  const projectUrls = QUERY_KINDS.map((kind) => `${base}?${kind.query}`);
  const bareUrls = QUERY_KINDS.map((_, index) => `${bare.url}${index}`);
  // Alternate the two (twice by default), so a change in the machine's load falls on both.
  const rates = { project: [] as Rate[], bare: [] as Rate[] };
  for (let round = 0; round < rounds; round++) {
    rates.project.push(await throughput(projectUrls, headers, total));
    rates.bare.push(await throughput(bareUrls, {}, total));
  }
  const mean = (xs: Rate[]): Rate => ({
    perSecond: xs.reduce((a, b) => a + b.perSecond, 0) / xs.length,
    cpuMs: xs.reduce((a, b) => a + b.cpuMs, 0) / xs.length,
    cpuMsWithChildren: xs.reduce((a, b) => a + b.cpuMsWithChildren, 0) / xs.length,
  });
  const rate = { driver, size, project: mean(rates.project), bare: mean(rates.bare), load: loadAverage() };
  await bare.stop(true);
  await app.stop();
  await database.close();
  return { rows, rate };
}

async function freshDatabaseUrl(adminUrl: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `bench_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const startedLoad = loadAverage();
const results: (string | number)[][] = [];
const rates: Awaited<ReturnType<typeof run>>["rate"][] = [];
for (const driver of drivers) {
  const pg = driver === "postgres" ? await startPostgres() : undefined;
  for (const size of sizes) {
    const { rows, rate } = await run(driver, size, pg ? await freshDatabaseUrl(pg.url) : undefined);
    results.push(...rows);
    rates.push(rate);
  }
  await pg?.stop();
}

console.log(
  `\nbench/search: ${queriesPerKind} HTTP requests per query kind, one user, each request followed by the same query to a bare Bun handler; Bun ${Bun.version}, ${navigator.hardwareConcurrency} cores, load average ${startedLoad} at the start, ${loadAverage()} at the end, ${new Date().toISOString()}\n`,
);
printTable(
  ["database", "tasks", "query", "items", "p50 ms", "p95 ms", "bare p50 ms", "bare p95 ms", "p95 / bare"],
  results,
);
console.log(
  `\nThroughput over the whole mix, ${clients} requests in flight (the mean of ${rounds} alternating rounds each); CPU ms per request of this process (client + server + PGlite), and with its children (PostgreSQL):\n`,
);
printTable(
  [
    "database",
    "tasks",
    "backend requests/s",
    "bare requests/s",
    "ratio (goal ≥ 0.7)",
    "backend CPU ms/request (with children)",
    "bare CPU ms/request (with children)",
    "load average after",
  ],
  rates.map((r) => [
    r.driver,
    r.size,
    r.project.perSecond.toFixed(0),
    r.bare.perSecond.toFixed(0),
    (r.project.perSecond / r.bare.perSecond).toFixed(2),
    `${r.project.cpuMs.toFixed(2)} (${r.project.cpuMsWithChildren.toFixed(2)})`,
    `${r.bare.cpuMs.toFixed(2)} (${r.bare.cpuMsWithChildren.toFixed(2)})`,
    r.load,
  ]),
);
