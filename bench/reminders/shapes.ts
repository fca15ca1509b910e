// The two ways the product runs, started as an operator would: the embedded default (`bun
// scripts/start.ts`: one process, PGlite per service, in-process events) and the distributed shape
// (three service processes, a PostgreSQL database each, a real Kafka broker). Real time in both.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { freePort } from "../../scripts/infra/free-port.ts";
import { startKafka } from "../../scripts/infra/kafka.ts";
import { startPostgres } from "../../scripts/infra/postgres.ts";
import { runStart } from "../../scripts/testing/run-start.ts";
import { spawnService, type ServiceProcess } from "../../scripts/testing/service-process.ts";
import { createPostgresDatabase } from "../../scripts/testing/fresh-database.ts";
import { findPids, type CpuGroups } from "../lib/cpu.ts";
import type { Query } from "./stages.ts";

export type ShapeName = "embedded" | "kafka";

export interface Shape {
  name: ShapeName;
  description: string;
  urls: { backend: string; recurring: string; notifier: string };
  /** processes whose CPU time is worth reporting, by name */
  cpu: CpuGroups;
  /** Stops the services; the databases can still be read afterwards (PGlite only then). */
  stopServices(): Promise<void>;
  query: Query;
  /** Runs `write` against the services' databases (PGlite: with the services stopped, then started again on the same data). */
  writeDirect(write: (query: Query) => Promise<void>): Promise<void>;
  cleanup(): Promise<void>;
}

// Whatever the caller's shell has, these runs use real time and the transport they name.
const baseEnv = { TEST_CLOCK: "false", NODE_ENV: "development" };

export async function startEmbedded(): Promise<Shape> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-reminders-"));
  const env = { ...baseEnv, DATA_DIR: dataDir, EVENT_TRANSPORT: "memory" };
  let started = await runStart(env);
  const urls = { ...(started.urls as Shape["urls"]) };
  let stopped = false;
  const stopServices = async () => {
    if (stopped) return;
    started.child.kill("SIGINT");
    await started.child.exited;
    stopped = true;
  };
  // PGlite is single-process: a data directory can only be opened once start.ts let go of it.
  const opened = new Map<string, PGlite>();
  const query: Query = async (service, text, params) => {
    if (!stopped) throw new Error("the embedded databases can be read only while start.ts is stopped");
    const db =
      opened.get(service) ??
      opened.set(service, await PGlite.create({ dataDir: join(dataDir, service) })).get(service)!;
    return (await db.query<Record<string, unknown>>(text, params)).rows;
  };
  const closeDatabases = async () => {
    for (const db of opened.values()) await db.close();
    opened.clear();
  };
  return {
    name: "embedded",
    description:
      "embedded default: `bun scripts/start.ts`, one process, PGlite per service, in-process events",
    urls,
    cpu: { "start.ts (all three services)": () => [started.child.pid] },
    stopServices,
    query,
    async writeDirect(write) {
      await stopServices();
      await write(query);
      await closeDatabases();
      started = await runStart(env);
      Object.assign(urls, started.urls);
      stopped = false;
    },
    async cleanup() {
      await stopServices();
      await closeDatabases();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startDistributed(opts: { partitions: number }): Promise<Shape> {
  const [kafka, pg] = await Promise.all([startKafka(), startPostgres()]);
  process.env.TEST_DATABASE_URL = pg.url; // createPostgresDatabase() makes its databases on this server
  const dataDir = mkdtempSync(join(tmpdir(), "bench-reminders-"));
  const urls = {
    backend: await createPostgresDatabase(),
    recurring: await createPostgresDatabase(),
    notifier: await createPostgresDatabase(),
  };
  const env = {
    ...baseEnv,
    EVENT_TRANSPORT: "kafka",
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_PARTITIONS: String(opts.partitions),
    AUTH_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    DATA_DIR: dataDir,
  };
  const services: ServiceProcess[] = [];
  const clients = new Map<string, ReturnType<typeof postgres>>();
  const query: Query = async (service, text, params) => {
    const sql =
      clients.get(service) ??
      clients.set(service, postgres(urls[service], { max: 1, onnotice: () => {} })).get(service)!;
    return (await sql.unsafe(text, params as never[])) as unknown as Record<string, unknown>[];
  };
  const stopServices = async () => {
    for (const service of services.splice(0).reverse()) {
      service.child.kill("SIGTERM");
      await service.child.exited;
    }
  };
  try {
    const backendPort = await freePort();
    const notifier = await spawnService("notifier", {
      ...env,
      DATABASE_URL: urls.notifier,
      BACKEND_URL: `http://127.0.0.1:${backendPort}`,
    });
    services.push(notifier);
    const recurring = await spawnService("recurring", { ...env, DATABASE_URL: urls.recurring });
    services.push(recurring);
    const backend = await spawnService("backend", {
      ...env,
      DATABASE_URL: urls.backend,
      NOTIFIER_URL: notifier.url,
      PORT: String(backendPort),
    });
    services.push(backend);
    return {
      name: "kafka",
      description: `distributed: backend, recurring and notifier as three processes, a PostgreSQL database each (one server), EVENT_TRANSPORT=kafka (kafkajs), one Kafka broker, ${opts.partitions} partitions per topic`,
      urls: { backend: backend.url, recurring: recurring.url, notifier: notifier.url },
      cpu: {
        backend: () => [backend.child.pid],
        recurring: () => [recurring.child.pid],
        notifier: () => [notifier.child.pid],
        "Kafka broker (JVM)": () => findPids("kafka.Kafka", kafka.dataDir),
        "PostgreSQL (all backends)": () => findPids("bin/postgres", ` -p ${pg.port} `),
      },
      stopServices,
      query,
      writeDirect: (write) => write(query),
      async cleanup() {
        await stopServices();
        for (const sql of clients.values()) await sql.end();
        await Promise.all([kafka.stop(), pg.stop()]);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopServices();
    await Promise.all([kafka.stop(), pg.stop()]);
    throw error;
  }
}
