import postgres from "postgres";
import { openDatabase, type Database, type DatabaseKind } from "@todo/messaging/db";

/**
 * The databases integration tests run on: always PGlite; PostgreSQL when the test runner started
 * one (TEST_DATABASE_URL); Neon's driver when it also started a Neon WebSocket proxy.
 */
export const testDrivers: DatabaseKind[] = [
  "pglite",
  ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : []),
  ...(process.env.TEST_DATABASE_URL && process.env.TEST_NEON_WS_PROXY ? (["neon"] as const) : []),
];

export type TestDatabase = Database & { url?: string; drop(): Promise<void> };

/** A fresh, migrated database of the given kind; PostgreSQL and Neon get a new database each. */
export async function freshDatabase(kind: DatabaseKind, migrationsFolder: string): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = await openDatabase({ driver: "pglite", migrationsFolder });
    return { ...database, drop: () => database.close() };
  }
  const url = await createPostgresDatabase();
  const database = await openDatabase({
    url,
    driver: kind,
    migrationsFolder,
    poolSize: 4,
    neonWsProxy: process.env.TEST_NEON_WS_PROXY,
  });
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      await dropPostgresDatabase(url);
    },
  };
}

/** A new empty database on the test PostgreSQL server; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error("TEST_DATABASE_URL is not set: run through `npm test`, which starts PostgreSQL");
  const name = `t_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  await admin.end();
}
