// bench/load/pg-clients: what a PostgreSQL client costs the process that calls it. The services use
// node-postgres (its LISTEN connection comes back by itself after a restart; see README's bench/chaos);
// this compares it with Bun's built-in SQL client, with and without drizzle, on one page-of-50 read
// (8 in flight, 3,000 queries, two rounds) against a throw-away PostgreSQL on the same machine.
// Prints the calling process's CPU ms per query (load-independent) and queries per second.
// Usage (from messaging/, whose node_modules has pg): ../node_modules/.bin/bun ../bench/load/pg-clients.ts
import pg from "pg";
import { SQL } from "bun";
import { drizzle } from "drizzle-orm/node-postgres";
import { drizzle as drizzleBun } from "drizzle-orm/bun-sql";
import { sql } from "drizzle-orm";
import { startPostgres } from "../../scripts/infra/postgres.ts";

const server = await startPostgres();
const pool = new pg.Pool({ connectionString: server.url, max: 8 });
await pool.query(
  `create table t (id uuid primary key default gen_random_uuid(), user_id int, title text, description text, priority text, tags text[], due_at timestamptz, created_at timestamptz default now())`,
);
await pool.query(
  `insert into t (user_id, title, description, priority, tags, due_at) select i % 10, 'task number ' || i, 'a description of task ' || i, 'high', array['work','home'], now() + (i || ' minutes')::interval from generate_series(1, 10000) i`,
);
await pool.query(`create index on t (user_id, created_at desc)`);
await pool.query("analyze t");
const bun = new SQL(server.url, { max: 8 });
const q = "select * from t where user_id = $1 order by created_at desc limit 50";
const dz = drizzle(pool);
const dzb = drizzleBun(bun);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function measure(name: string, run: (i: number) => Promise<unknown>, n = 3000) {
  for (let i = 0; i < 200; i++) await run(i);
  const c0 = cpu();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < n) await run(next++);
    }),
  );
  console.log(
    `${name}: ${((cpu() - c0) / n).toFixed(3)} ms CPU per query (this process), ${(n / ((performance.now() - t0) / 1000)).toFixed(0)} q/s`,
  );
}
for (let round = 0; round < 2; round++) {
  await measure("node-postgres", (i) => pool.query(q, [i % 10]));
  await measure("node-postgres + drizzle sql", (i) =>
    dz.execute(sql`select * from t where user_id = ${i % 10} order by created_at desc limit 50`),
  );
  await measure("Bun.SQL", (i) => bun.unsafe(q, [i % 10]));
  await measure("Bun.SQL + drizzle sql", (i) =>
    dzb.execute(sql`select * from t where user_id = ${i % 10} order by created_at desc limit 50`),
  );
}
await pool.end();
await bun.close();
await server.stop();
