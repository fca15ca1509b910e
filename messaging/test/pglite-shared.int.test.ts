import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import {
  asSharedRead,
  listenForWakeUps,
  openDatabase,
  openSharedPglite,
  rowsOf,
  type Database,
  type SharedPglite,
} from "../src/db/index.ts";
import { OUTBOX_CHANNEL } from "../src/outbox-writer.ts";
import { commitEvents, eventually, taskEvent, TEST_MIGRATIONS } from "./harness.ts";
import { createLogger } from "../src/support/logger.ts";

const BACKEND_MIGRATIONS = join(import.meta.dir, "..", "..", "services", "backend", "drizzle");

// One PGlite for a whole process (npm start), each service in its own schema.
let shared: SharedPglite;
let alpha: Database;
let beta: Database;
beforeAll(async () => {
  shared = await openSharedPglite(undefined);
  alpha = await openDatabase({
    driver: "pglite",
    migrationsFolder: TEST_MIGRATIONS,
    sharedPglite: { pglite: shared, schema: "alpha" },
  });
  beta = await openDatabase({
    driver: "pglite",
    migrationsFolder: TEST_MIGRATIONS,
    sharedPglite: { pglite: shared, schema: "beta" },
  });
});
afterAll(async () => {
  await alpha.close();
  await beta.close();
  await shared.close();
});

const count = async (database: Database) =>
  Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from effects`))[0]!.n);
const insert = (database: Database, id: string) =>
  database.db.execute(sql`insert into effects (consumer, event_id, task_id) values ('c', ${id}, 't')`);

test("two services on one embedded database each see only their own rows, even when their statements interleave", async () => {
  await Promise.all(
    Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? insert(beta, `b${i}`) : insert(alpha, `a${i}`))),
  );
  await alpha.db.transaction(async (tx) => {
    await tx.execute(sql`insert into effects (consumer, event_id, task_id) values ('c', 'in-tx', 't')`);
  });
  expect(await count(alpha)).toBe(26 + 1);
  expect(await count(beta)).toBe(14);
});

test("each service's migrations, journal included, land in its own schema and not in public", async () => {
  const tables = rowsOf<{ table_schema: string; table_name: string }>(
    await alpha.db.execute(
      sql`select table_schema, table_name from information_schema.tables where table_name in ('effects', '__drizzle_migrations') order by 1, 2`,
    ),
  );
  expect(tables.map((t) => `${t.table_schema}.${t.table_name}`)).toEqual([
    "alpha.__drizzle_migrations",
    "alpha.effects",
    "beta.__drizzle_migrations",
    "beta.effects",
  ]);
});

test("the backend's migrations, written against public, create its tables and types in its schema", async () => {
  const backend = await openDatabase({
    driver: "pglite",
    migrationsFolder: BACKEND_MIGRATIONS,
    sharedPglite: { pglite: shared, schema: "backend" },
  });
  try {
    const where = rowsOf<{ schema: string }>(
      await backend.db.execute(
        sql`select n.nspname as schema from pg_type t join pg_namespace n on n.oid = t.typnamespace where t.typname in ('task_priority', 'tasks') order by 1`,
      ),
    );
    expect(where.map((w) => w.schema)).toEqual(["backend", "backend"]);
    expect(
      await alpha.db.execute(sql`select 1 from tasks`).then(
        () => "read",
        () => "no such table",
      ),
    ).toBe("no such table");
  } finally {
    await backend.close();
  }
});

test("a commit in one service's schema wakes only that service's outbox relay, not every relay of the process", async () => {
  const woken = { alpha: 0, beta: 0 };
  const listeners = [
    listenForWakeUps(
      alpha,
      OUTBOX_CHANNEL,
      () => woken.alpha++,
      "alpha polls",
      createLogger({ service: "alpha" }),
    ),
    listenForWakeUps(
      beta,
      OUTBOX_CHANNEL,
      () => woken.beta++,
      "beta polls",
      createLogger({ service: "beta" }),
    ),
  ];
  try {
    expect(await Promise.all(listeners.map((l) => l.listening))).toEqual([true, true]);
    // Each listener looks once as its LISTEN starts (a commit made meanwhile would have no NOTIFY).
    expect(woken).toEqual({ alpha: 1, beta: 1 });
    woken.alpha = woken.beta = 0;
    await commitEvents(alpha.db, [taskEvent(crypto.randomUUID())]);
    // Notifications arrive in commit order: once beta's own has arrived, alpha's would have too.
    await commitEvents(beta.db, [taskEvent(crypto.randomUUID())]);
    await eventually(async () => woken.alpha > 0 && woken.beta > 0, "both relays woken by their own commit");
    expect(woken).toEqual({ alpha: 1, beta: 1 });
  } finally {
    await Promise.all(listeners.map((l) => l.stop()));
  }
});

/** Runs `work` and counts the statements that reached the embedded database meanwhile. */
async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const query = shared.client.query;
  let statements = 0;
  shared.client.query = ((...args: Parameters<typeof query>) => {
    statements++;
    return query.apply(shared.client, args);
  }) as typeof query;
  try {
    return { result: await work(), statements };
  } finally {
    shared.client.query = query;
  }
}

test("identical shared reads asked at once run as one statement; a read asked after a write commits sees it", async () => {
  const countShared = () =>
    asSharedRead(async () =>
      rowsOf<{ n: number }>(
        await alpha.db.execute(sql`select count(*)::int as n from effects where consumer = 'shared'`),
      ),
    );
  const burst = await statementsDuring(() => Promise.all(Array.from({ length: 20 }, countShared)));
  expect(burst.statements).toBe(1);
  expect(burst.result.map((rows) => rows[0]!.n)).toEqual(Array(20).fill(0));

  await alpha.db.execute(sql`insert into effects (consumer, event_id, task_id) values ('shared', 'e1', 't')`);
  const after = await statementsDuring(() => Promise.all([countShared(), countShared()]));
  expect(after.result.map((rows) => rows[0]!.n)).toEqual([1, 1]);
  expect(after.statements).toBe(1);
});

test("reads not marked as shared, and shared reads in another schema, each run on their own", async () => {
  const plain = () => alpha.db.execute(sql`select count(*)::int as n from effects`);
  expect((await statementsDuring(() => Promise.all([plain(), plain(), plain()]))).statements).toBe(3);
  const inSchema = (database: Database) => () =>
    asSharedRead(() => database.db.execute(sql`select count(*)::int as n from effects`));
  expect((await statementsDuring(() => Promise.all([inSchema(alpha)(), inSchema(beta)()]))).statements).toBe(
    2,
  );
});
