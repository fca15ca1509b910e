import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@todo/messaging/db";
import { MIGRATIONS } from "../src/main.ts";
import { drivers, freshDatabase, startTestBackend, type TestBackend } from "./harness.ts";

describe("migrations", () => {
  test("applying them twice to the same PGlite directory is harmless and keeps the data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrate-"));
    try {
      const first = await openDatabase({ driver: "pglite", dataDir: dir, migrationsFolder: MIGRATIONS });
      await first.db.execute(
        sql`insert into users (id, email, password_hash, created_at, updated_at) values (gen_random_uuid(), 'kept@example.com', 'x', now(), now())`,
      );
      await first.close();
      const second = await openDatabase({ driver: "pglite", dataDir: dir, migrationsFolder: MIGRATIONS });
      const rows = rowsOf<{ email: string }>(await second.db.execute(sql`select email from users`));
      expect(rows.map((r) => r.email)).toEqual(["kept@example.com"]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.skipIf(!process.env.TEST_DATABASE_URL)("applying them twice to PostgreSQL is harmless", async () => {
    const database = await freshDatabase("postgres");
    try {
      const reopened = await openDatabase({
        url: database.url!,
        driver: "postgres",
        migrationsFolder: MIGRATIONS,
      });
      const rows = rowsOf<{ n: number }>(
        await reopened.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      );
      const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta", "_journal.json"), "utf8"));
      expect(rows[0]!.n).toBe(journal.entries.length);
      await reopened.close();
    } finally {
      await database.drop();
    }
  });
});

describe.each(drivers)("health and documentation on %s", (driver) => {
  let backend: TestBackend;
  beforeAll(async () => void (backend = await startTestBackend(driver)));
  afterAll(() => backend.close());

  test("/healthz and /readyz answer, /readyz naming the database", async () => {
    expect((await backend.call("GET", "/healthz")).status).toBe(200);
    const ready = await backend.call("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: "ready",
      database: driver,
      database_status: "ok",
      transport: "memory",
      transport_status: "ok",
    });
  });

  test("/readyz answers 503 when the database is gone", async () => {
    const broken = await startTestBackend(driver);
    await broken.deps.database.close();
    const res = await broken.call("GET", "/readyz");
    expect(res.status).toBe(503);
    await broken.close().catch(() => {});
  });

  test("the OpenAPI document lists every public route with its schemas", async () => {
    const doc = (await backend.call("GET", "/openapi/json")).body;
    for (const path of [
      "/api/auth/signup",
      "/api/auth/login",
      "/api/me",
      "/api/tasks",
      "/api/tasks/{id}",
      "/api/tasks/{id}/complete",
      "/api/tasks/{id}/recurrence",
      "/api/tasks/{id}/reminder",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(JSON.stringify(doc.paths["/api/tasks"].post.requestBody)).toContain("recurrence");
  });

  test("/metrics speaks the Prometheus text format", async () => {
    const res = await backend.call("GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
  });

  test("an unknown route is a 404 in the error format", async () => {
    const res = await backend.call("GET", "/api/nothing-here");
    expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});
