import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { analyzeStaleTables, openDatabase, rowsOf, type Database } from "../src/db/index.ts";
import { TEST_MIGRATIONS } from "./harness.ts";

// PGlite has no autovacuum: without this the planner never learns how many rows a table holds.
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ driver: "pglite", migrationsFolder: TEST_MIGRATIONS });
});
afterAll(() => database.close());

const plannedRows = async () =>
  Number(
    rowsOf<{ reltuples: number }>(
      await database.db.execute(sql`select reltuples from pg_class where relname = 'effects'`),
    )[0]!.reltuples,
  );

test("after a burst of writes the embedded database learns the table's size, and analyzes it only once", async () => {
  expect(await plannedRows()).toBeLessThanOrEqual(0);
  await database.db.execute(
    sql`insert into effects (consumer, event_id, task_id) select 'c', 'e' || i, 't' || i from generate_series(1, 2000) as i`,
  );
  expect(await analyzeStaleTables(database.db)).toContain("effects");
  expect(await plannedRows()).toBe(2000);
  expect(await analyzeStaleTables(database.db)).not.toContain("effects");
});

test("a change of under a tenth of the table does not trigger a new analyze", async () => {
  await database.db.execute(
    sql`insert into effects (consumer, event_id, task_id) select 'c', 'f' || i, 't' || i from generate_series(1, 100) as i`,
  );
  expect(await analyzeStaleTables(database.db)).not.toContain("effects");
  await database.db.execute(
    sql`insert into effects (consumer, event_id, task_id) select 'c', 'g' || i, 't' || i from generate_series(1, 300) as i`,
  );
  expect(await analyzeStaleTables(database.db)).toContain("effects");
  expect(await plannedRows()).toBe(2400);
});

test("analyzing a table also merges its GIN indexes' pending lists, which every search would otherwise read in full", async () => {
  await database.db.execute(sql`create table words (w text[])`);
  await database.db.execute(sql`create index words_idx on words using gin (w)`);
  await database.db.execute(
    sql`insert into words select array['word' || i, 'other' || (i % 7)] from generate_series(1, 2000) as i`,
  );
  expect(await analyzeStaleTables(database.db)).toContain("words");
  const pagesLeft = rowsOf<{ pages: number }>(
    await database.db.execute(sql`select gin_clean_pending_list('words_idx'::regclass)::int as pages`),
  )[0]!.pages;
  expect(pagesLeft).toBe(0);
});

test("the outbox, a queue read through its indexes, is analyzed from a small sample; other tables from the full one", async () => {
  await database.db.execute(sql`
    insert into outbox (event_id, topic, key, payload)
    select gen_random_uuid(), 'task-events', 'k' || i, jsonb_build_object('n', i) from generate_series(1, 2000) as i`);
  await database.db.execute(sql`insert into effects (consumer, event_id, task_id)
    select 'c', 'h' || i, 't' || i from generate_series(1, 2000) as i`);

  const analyzed = await analyzeStaleTables(database.db);

  expect(analyzed).toEqual(expect.arrayContaining(["outbox", "effects"]));
  const histogramSize = async (table: string, column: string) =>
    rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select cardinality(histogram_bounds::text::text[])::int as n from pg_stats where tablename = ${table} and attname = ${column}`,
      ),
    )[0]!.n;
  expect(await histogramSize("outbox", "id")).toBe(11);
  expect(await histogramSize("effects", "id")).toBe(101);
});
