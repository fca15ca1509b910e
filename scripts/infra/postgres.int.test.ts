import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Pool, neonConfig } from "@neondatabase/serverless";
import { sql as dsql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { connect } from "node:net";
import postgres from "postgres";
import { neonProxyConfig, startNeonProxy, type NeonProxy } from "./neon-proxy.ts";
import { startPostgres, type PostgresServer } from "./postgres.ts";

const notes = pgTable("notes", { id: integer("id").primaryKey(), body: text("body").notNull() });

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

describe("throw-away Postgres and the Neon WebSocket proxy", () => {
  let pg: PostgresServer;
  let proxy: NeonProxy;
  let pool: Pool;

  // Long enough for a first run that has to apt-get install PostgreSQL.
  beforeAll(async () => {
    pg = await startPostgres();
    proxy = await startNeonProxy(pg);
    Object.assign(neonConfig, neonProxyConfig(proxy.port));
    pool = new Pool({ connectionString: pg.url });
  }, 600_000);

  afterAll(async () => {
    await pool?.end().catch(() => {});
    await proxy?.stop();
    await pg?.stop();
  });

  test("postgres.js round-trips data", async () => {
    const sql = postgres(pg.url, { onnotice: () => {} });
    try {
      await sql`create table notes (id int primary key, body text not null)`;
      await sql`insert into notes ${sql({ id: 1, body: "héllo ✓" })}`;
      expect(await sql`select id, body from notes`).toEqual([{ id: 1, body: "héllo ✓" }] as never);
    } finally {
      await sql.end();
    }
  });

  test("Neon Pool queries go through the proxy", async () => {
    const { rows } = await pool.query("select body from notes where id = $1", [1]);
    expect(rows).toEqual([{ body: "héllo ✓" }]);
  });

  test("Neon Pool transaction on one client commits and rolls back", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("insert into notes values ($1, $2)", [2, "committed"]);
      await client.query("COMMIT");
      await client.query("BEGIN");
      await client.query("insert into notes values ($1, $2)", [3, "rolled back"]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    const sql = postgres(pg.url);
    try {
      expect(await sql`select id, body from notes where id > 1 order by id`).toEqual([
        { id: 2, body: "committed" },
      ] as never);
    } finally {
      await sql.end();
    }
  });

  test("drizzle-orm/neon-serverless works through the proxy", async () => {
    const db = drizzle({ client: pool });
    await db.transaction(async (tx) => {
      await tx.insert(notes).values({ id: 4, body: "via drizzle" });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(notes).values({ id: 5, body: "never" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db.select().from(notes).where(dsql`${notes.id} >= 4`)).toEqual([
      { id: 4, body: "via drizzle" },
    ]);
  });

  test("stop() shuts both down", async () => {
    await pool.end();
    await proxy.stop();
    await pg.stop();
    expect(await accepts(proxy.port)).toBe(false);
    expect(await accepts(pg.port)).toBe(false);
  });
});
