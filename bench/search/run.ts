// bench/search: seeds 10,000 and 100,000 tasks for one user and times combined-filter queries
// through HTTP against the real backend (Bun.serve + PGlite, and PostgreSQL when available).
// Usage: bun bench/search/run.ts [--sizes 10000,100000] [--drivers pglite,postgres] [--queries 200]
import { sql } from "drizzle-orm";
import { createMemoryTransport, Metrics } from "@todo/outbox";
import { openDatabase, type Database } from "@todo/outbox/db";
import { createApp } from "../../services/backend/src/app.ts";
import { createTokenService } from "@todo/outbox/runtime";
import { systemClock } from "@todo/outbox/runtime";
import { MIGRATIONS } from "../../services/backend/src/main.ts";
import { startPostgres } from "../../scripts/infra/postgres.ts";
import { percentile, printTable } from "../lib/stats.ts";
import { arg } from "../lib/args.ts";
import { createPasswordWork } from "../../services/backend/src/auth/password-work.ts";

const sizes = arg("sizes", "10000,100000").split(",").map(Number);
const drivers = arg("drivers", "pglite,postgres").split(",");
const queriesPerKind = Number(arg("queries", "200"));

const TAGS = ["work", "personal", "urgent", "home", "travel", "health", "finance", "shopping", "garden", "study"];
const WORDS = ["prepare", "review", "call", "buy", "plan", "write", "fix", "book", "send", "clean", "presentation", "report", "tickets", "invoice", "garden", "slides", "budget", "dentist"];

// Bulk seeding in SQL: the benchmark is about reading, and 100,000 HTTP creates would take minutes.
async function seed(database: Database, userId: string, count: number): Promise<void> {
  await database.db.execute(sql`insert into users (id, email, password_hash, timezone, created_at, updated_at) values (${userId}, ${`bench-${userId}@example.com`}, 'x', 'Europe/Berlin', now(), now())`);
  // h(i, k): an independent pseudo-random non-negative integer per row and attribute.
  await database.db.execute(sql.raw("create or replace function h(i int, k int) returns int language sql immutable as 'select abs(hashint4(i * 31 + k))'"));
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    await database.db.execute(sql`
      insert into tasks (id, user_id, title, description, status, priority, tags, due_date, completed_at, created_at, updated_at)
      select gen_random_uuid(), ${userId},
        (array[${sql.raw(WORDS.map((w) => `'${w}'`).join(","))}])[1 + h(i, 1) % ${sql.raw(String(WORDS.length))}] || ' ' || (array[${sql.raw(WORDS.map((w) => `'${w}'`).join(","))}])[1 + h(i, 2) % ${sql.raw(String(WORDS.length))}] || ' #' || i,
        case when h(i, 3) % 5 = 0 then 'notes about the presentation ' || i else '' end,
        (array['pending','pending','pending','completed','cancelled'])[1 + h(i, 4) % 5]::task_status,
        (array['high','medium','medium','low'])[1 + h(i, 5) % 4]::task_priority,
        array[(array[${sql.raw(TAGS.map((t) => `'${t}'`).join(","))}])[1 + h(i, 6) % 10], (array[${sql.raw(TAGS.map((t) => `'${t}'`).join(","))}])[1 + h(i, 7) % 10]],
        case when h(i, 8) % 3 = 0 then null else date '2026-11-01' + h(i, 9) % 90 end,
        case when h(i, 4) % 5 = 3 then timestamptz '2026-11-01T00:00:00Z' + (h(i, 10) % 60) * interval '1 day' else null end,
        timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute', now()
      from generate_series(${start}::int, ${start + n - 1}::int) as i`);
  }
  await database.db.execute(sql`drop function h(int, int)`);
  await database.db.execute(sql`analyze tasks`);
}

const QUERIES: [string, string][] = [
  ["priority+tag+status", "priority=high&tag=work&status=pending"],
  ["priority+tag+status+due week", "priority=high&tag=work&status=pending&due_from=2026-11-23&due_to=2026-11-29"],
  ["two tags", "tag=work&tag=urgent"],
  ["keyword", "q=presentation"],
  ["keyword+priority+status", "q=invoice&priority=high&status=pending"],
  ["completed this week", "status=completed&completed_from=2026-11-23&completed_to=2026-11-29"],
  ["sort by due, page 1", "sort=due&status=pending&limit=50"],
  ["default list", ""],
];

async function run(driver: string, size: number, url?: string) {
  const database = await openDatabase({ driver: driver as "pglite" | "postgres", url, migrationsFolder: MIGRATIONS, poolSize: 10 });
  const userId = crypto.randomUUID();
  const seeded = performance.now();
  await seed(database, userId, size);
  const seedMs = performance.now() - seeded;
  const tokens = createTokenService("bench-secret-0123456789-0123456789-0123", 3600, systemClock);
  const app = createApp({ database, clock: systemClock, tokens, transport: createMemoryTransport(), metrics: new Metrics(), limits: { maxBodyBytes: 65536, loginAttemptsPerMinute: 10, authAttemptsPerAddressPerMinute: 1000, signupsPerAddressPerHour: 1000, authAttemptsPerMinute: 10_000, trustedProxies: [] }, passwords: createPasswordWork({ concurrency: 2, queue: 1000 }), notifierUrl: "http://127.0.0.1:9" }).listen({ port: 0, hostname: "127.0.0.1" });
  const base = `http://127.0.0.1:${app.server!.port}/api/tasks`;
  const headers = { authorization: `Bearer ${await tokens.issue(userId)}` };
  const rows: (string | number)[][] = [];
  const all: number[] = [];
  for (const [name, query] of QUERIES) {
    for (let i = 0; i < 5; i++) await (await fetch(`${base}?${query}`, { headers })).arrayBuffer(); // warm-up
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < queriesPerKind; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}?${query}`, { headers });
      const body = (await res.json()) as { items: unknown[] };
      samples.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
      items = body.items.length;
    }
    all.push(...samples);
    rows.push([driver, size, name, items, percentile(samples, 50).toFixed(1), percentile(samples, 95).toFixed(1)]);
  }
  rows.push([driver, size, "**all combined-filter queries**", "", percentile(all, 50).toFixed(1), percentile(all, 95).toFixed(1)]);
  await app.stop();
  await database.close();
  return { rows, seedMs };
}

const results: (string | number)[][] = [];
for (const driver of drivers) {
  let pg: Awaited<ReturnType<typeof startPostgres>> | undefined;
  if (driver === "postgres") pg = await startPostgres();
  for (const size of sizes) {
    const url = pg ? await freshDatabaseUrl(pg.url) : undefined;
    const { rows, seedMs } = await run(driver, size, url);
    console.error(`seeded ${size} tasks on ${driver} in ${(seedMs / 1000).toFixed(1)} s`);
    results.push(...rows);
  }
  await pg?.stop();
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

console.log(`\nbench/search: ${queriesPerKind} HTTP requests per query kind, one user, Bun ${Bun.version}, ${navigator.hardwareConcurrency} cores\n`);
printTable(["database", "tasks", "query", "items", "p50 ms", "p95 ms"], results);
