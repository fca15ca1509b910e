// Table sizes at /metrics: read from the catalogue on PostgreSQL and PGlite alike.
import { afterEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { Metrics } from "../src/metrics/metrics.ts";
import { tableSizes, watchTableSizes } from "../src/metrics/table-sizes.ts";
import { freshDatabase, testDrivers } from "../../scripts/testing/fresh-database.ts";
import { commitEvents, taskEvent, TEST_MIGRATIONS } from "./harness.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The value of one sample line of a rendered registry, e.g. `db_table_bytes{table="outbox"}`. */
const sample = (text: string, name: string, table: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{table="${table}"} `));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};

describe.each(testDrivers)("table sizes on %s", (kind) => {
  test("given new tables, then every table of the service's schema is listed: 0 rows (not -1) and its empty pages' bytes", async () => {
    const database = await freshDatabase(kind, TEST_MIGRATIONS);
    cleanups.push(() => database.drop());
    const sizes = await tableSizes(database.db);
    expect(sizes.map((s) => s.table)).toEqual(expect.arrayContaining(["effects", "inbox", "outbox"]));
    for (const size of sizes) {
      expect({ table: size.table, rows: size.rows }).toEqual({ table: size.table, rows: 0 });
      expect(size.bytes).toBeGreaterThanOrEqual(0);
    }
  });

  test("given 300 events written to the outbox and analyzed, then /metrics shows 300 rows and more bytes", async () => {
    const database = await freshDatabase(kind, TEST_MIGRATIONS);
    cleanups.push(() => database.drop());
    const registry = new Metrics();
    watchTableSizes(registry, database.db);
    const before = await registry.render();
    const emptyBytes = sample(before, "db_table_bytes", "outbox")!;
    expect(sample(before, "db_table_rows_estimate", "outbox")).toBe(0);
    for (let i = 0; i < 3; i++)
      await commitEvents(
        database.db,
        Array.from({ length: 100 }, () => taskEvent(crypto.randomUUID())),
      );
    await database.db.execute(sql`analyze outbox`);
    const after = await registry.render();
    expect(after).toContain("# TYPE db_table_rows_estimate gauge");
    expect(sample(after, "db_table_rows_estimate", "outbox")).toBe(300);
    expect(sample(after, "db_table_bytes", "outbox")).toBeGreaterThan(emptyBytes);
    expect(sample(after, "db_table_rows_estimate", "inbox")).toBe(0);
  });
});
