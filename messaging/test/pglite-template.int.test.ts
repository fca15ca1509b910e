import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, writeEmptyCluster } from "../src/db/index.ts";
import { PGLITE_OPTIONS } from "../src/db/pglite-options.ts";
import { createLogger } from "../src/support/logger.ts";
import { TEST_MIGRATIONS } from "./harness.ts";

// A fresh pod starts its embedded database from an empty cluster made at image build time,
// instead of running initdb in its own process (which peaked at ~960 MB under a 512 Mi limit).
const scratch = mkdtempSync(join(tmpdir(), "pglite-template-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const openFrom = (dataDir: string, template: string) =>
  openDatabase({ driver: "pglite", dataDir, pgliteTemplate: template, migrationsFolder: TEST_MIGRATIONS });

test("a fresh data directory starts from the template's cluster, and a directory that has one keeps its own", async () => {
  // A template holding a marker table shows that the cluster came from it, not from initdb.
  const marked = await PGlite.create({ ...PGLITE_OPTIONS });
  await marked.exec("create table from_template (id int); insert into from_template values (7)");
  const template = join(scratch, "marked.tgz");
  writeFileSync(template, new Uint8Array(await (await marked.dumpDataDir("gzip")).arrayBuffer()));
  await marked.close();

  const dataDir = join(scratch, "fresh");
  const first = await openFrom(dataDir, template);
  expect(rowsOf<{ id: number }>(await first.db.execute(sql`select id from from_template`))).toEqual([
    { id: 7 },
  ]);
  await first.db.execute(sql`insert into effects (consumer, event_id, task_id) values ('c', 'kept', 't')`);
  await first.close();

  // Started again with the same template: the directory's own cluster, with the row written above.
  const again = await openFrom(dataDir, template);
  expect(rowsOf<{ event_id: string }>(await again.db.execute(sql`select event_id from effects`))).toEqual([
    { event_id: "kept" },
  ]);
  await again.close();
});

test("the empty cluster written for the images takes a service's migrations", async () => {
  const template = join(scratch, "empty.tgz");
  await writeEmptyCluster(template);
  const database = await openFrom(join(scratch, "from-empty"), template);
  await database.db.execute(sql`insert into effects (consumer, event_id, task_id) values ('c', 'e', 't')`);
  expect(
    rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from effects`)),
  ).toEqual([{ n: 1 }]);
  await database.close();
});

test("a template that is named but missing is logged as a warning, and the fresh directory runs initdb instead", async () => {
  const lines: string[] = [];
  const logger = createLogger({ service: "database", write: (line) => void lines.push(line) });
  const missing = join(scratch, "no-such-template.tgz");
  const database = await openDatabase({
    driver: "pglite",
    dataDir: join(scratch, "without-template"),
    pgliteTemplate: missing,
    migrationsFolder: TEST_MIGRATIONS,
    logger,
  });
  await database.db.execute(sql`insert into effects (consumer, event_id, task_id) values ('c', 'e', 't')`);
  await database.close();
  const warnings = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === "warn");
  expect(warnings).toHaveLength(1);
  expect(warnings[0].msg).toContain(missing);
});
