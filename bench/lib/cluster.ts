// The distributed shape with the site, for bench/load and bench/chaos: backend, recurring, notifier
// and site as four processes, a PostgreSQL database each (one server), one real Kafka broker, real
// time. Every service keeps its port across restarts (the backend forwards to the notifier's URL,
// the site to the backend's), and each incarnation logs to its own file instead of this terminal.
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import postgres from "postgres";
import { startKafka, type KafkaBroker } from "../../scripts/infra/kafka.ts";
import { freePort } from "../../scripts/infra/free-port.ts";
import { startPostgres, type PostgresServer } from "../../scripts/infra/postgres.ts";
import { createPostgresDatabase } from "../../scripts/testing/fresh-database.ts";
import { findPids, type CpuGroups } from "./cpu.ts";

export type ServiceName = "backend" | "recurring" | "notifier" | "site";
export type DatabaseName = "backend" | "recurring" | "notifier";
export const SERVICES: ServiceName[] = ["notifier", "recurring", "backend", "site"];
const root = join(import.meta.dir, "..", "..");
const entry = (name: ServiceName) => (name === "site" ? "site/src/main.ts" : `services/${name}/src/main.ts`);

export interface Cluster {
  kafka: KafkaBroker;
  pg: PostgresServer;
  urls: Record<ServiceName, string>;
  databases: Record<DatabaseName, string>;
  /** the AUTH_SECRET every service signs and checks session tokens with */
  authSecret: string;
  logDir: string;
  pid(name: ServiceName): number | undefined;
  /** SIGKILL, and wait until the process is gone. */
  kill(name: ServiceName): Promise<void>;
  /** Starts the service again on its port and database; resolves when it prints that it listens. */
  start(name: ServiceName): Promise<void>;
  query(db: DatabaseName, text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** services that exited without being asked to (a crash), with the end of their log */
  crashes: { name: ServiceName; at: number; exit: string; restartedAt?: number; log: string }[];
  cpu: CpuGroups;
  description: string;
  /** Stops everything; `keepLogsIn` copies the services' logs there first. */
  stop(keepLogsIn?: string): Promise<void>;
}

export interface ClusterOptions {
  partitions?: number;
  /** extra environment for every service (e.g. REMINDER_GRACE_SECONDS) */
  env?: Record<string, string>;
  /** extra environment per service */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** start a crashed service again after this many ms, as Kubernetes restarts a failed container */
  restartCrashedAfterMs?: number;
  /** `bun --cpu-prof --cpu-prof-md` for every service, the profiles written here when it stops */
  cpuProfileDir?: string;
}

async function waitListening(name: ServiceName, child: Subprocess, logFile: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  const pattern = new RegExp(`${name} listening on`);
  for (;;) {
    const text = readFileSync(logFile, "utf8");
    if (pattern.test(text)) return;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited during start-up; log ${logFile}:\n${text.slice(-2000)}`);
    if (Date.now() > deadline)
      throw new Error(`${name} did not start within 90 s; log ${logFile}:\n${text.slice(-2000)}`);
    await Bun.sleep(50);
  }
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const [kafka, pg] = await Promise.all([startKafka(), startPostgres()]);
  process.env.TEST_DATABASE_URL = pg.url; // createPostgresDatabase() makes its databases on this server
  const logDir = mkdtempSync(join(tmpdir(), "bench-cluster-"));
  const databases = {
    backend: await createPostgresDatabase(),
    recurring: await createPostgresDatabase(),
    notifier: await createPostgresDatabase(),
  };
  const ports = Object.fromEntries(
    await Promise.all(SERVICES.map(async (s) => [s, await freePort()])),
  ) as Record<ServiceName, number>;
  const urls = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${ports[s]}`])) as Record<
    ServiceName,
    string
  >;
  const authSecret = crypto.randomUUID() + crypto.randomUUID();
  const env: Record<string, string> = {
    TEST_CLOCK: "false",
    NODE_ENV: "development",
    EVENT_TRANSPORT: "kafka",
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_PARTITIONS: String(options.partitions ?? 6),
    AUTH_SECRET: authSecret,
    DATA_DIR: logDir,
    HOST: "127.0.0.1",
    ...options.env,
  };
  const perService: Record<ServiceName, Record<string, string>> = {
    backend: {
      DATABASE_URL: databases.backend,
      NOTIFIER_URL: urls.notifier,
      LOGIN_ATTEMPTS_PER_MINUTE: "100000",
      AUTH_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "100000",
      SIGNUPS_PER_ADDRESS_PER_HOUR: "100000",
      SIGNUP_ATTEMPTS_PER_EMAIL_PER_HOUR: "100000",
      AUTH_ATTEMPTS_PER_MINUTE: "100000",
      ARGON2_QUEUE: "100000",
    },
    recurring: { DATABASE_URL: databases.recurring },
    notifier: { DATABASE_URL: databases.notifier, BACKEND_URL: urls.backend },
    site: {
      BACKEND_URL: urls.backend,
      NOTIFIER_URL: urls.notifier,
      SITE_CONSUMER_GROUP: `site-bench-${process.pid}`,
    },
  };
  const children = new Map<ServiceName, Subprocess>();
  const incarnation = new Map<ServiceName, number>();
  const expectedExit = new Set<Subprocess>();
  const crashes: Cluster["crashes"] = [];
  let stopping = false;

  async function start(name: ServiceName) {
    const n = (incarnation.get(name) ?? 0) + 1;
    incarnation.set(name, n);
    const logFile = join(logDir, `${name}.${n}.log`);
    const out = openSync(logFile, "a");
    const profile = options.cpuProfileDir
      ? [
          "--cpu-prof",
          "--cpu-prof-md",
          `--cpu-prof-dir=${options.cpuProfileDir}`,
          `--cpu-prof-name=${name}.${n}.md`,
        ]
      : [];
    const child = Bun.spawn([process.execPath, ...profile, entry(name)], {
      cwd: root,
      // The load generator raises Bun's fetch limit for itself; the services run with the defaults.
      env: {
        ...process.env,
        BUN_CONFIG_MAX_HTTP_REQUESTS: undefined,
        ...env,
        ...perService[name],
        ...options.serviceEnv?.[name],
        PORT: String(ports[name]),
      },
      stdout: out,
      stderr: out,
      stdin: "ignore",
    });
    closeSync(out);
    children.set(name, child);
    void child.exited.then(async () => {
      if (expectedExit.has(child) || stopping) return;
      const crash: Cluster["crashes"][number] = {
        name,
        at: Date.now(),
        exit: child.signalCode ? String(child.signalCode) : `code ${child.exitCode}`,
        log: readFileSync(logFile, "utf8").split("\n").slice(-25).join("\n"),
      };
      crashes.push(crash);
      console.error(`[cluster] ${name} exited unexpectedly (${crash.exit}); log ${logFile}`);
      if (options.restartCrashedAfterMs === undefined || children.get(name) !== child) return;
      await Bun.sleep(options.restartCrashedAfterMs);
      if (stopping || children.get(name) !== child) return;
      await start(name).then(
        () => void (crash.restartedAt = Date.now()),
        (error) => console.error(`[cluster] restarting ${name}: ${error}`),
      );
    });
    await waitListening(name, child, logFile);
  }

  const clients = new Map<DatabaseName, ReturnType<typeof postgres>>();
  const stopServices = async () => {
    stopping = true;
    for (const name of [...SERVICES].reverse()) {
      const child = children.get(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await child.exited;
      clearTimeout(timer);
    }
  };
  try {
    for (const name of SERVICES) await start(name);
  } catch (error) {
    await stopServices();
    await Promise.all([kafka.stop(), pg.stop()]);
    throw error;
  }
  return {
    kafka,
    pg,
    urls,
    databases,
    authSecret,
    logDir,
    pid: (name) => children.get(name)?.pid,
    crashes,
    async kill(name) {
      const child = children.get(name);
      if (child) expectedExit.add(child);
      child?.kill("SIGKILL");
      await child?.exited;
    },
    start,
    async query(db, text, params = []) {
      const sql =
        clients.get(db) ?? clients.set(db, postgres(databases[db], { max: 2, onnotice: () => {} })).get(db)!;
      return (await sql.unsafe(text, params as never[])) as unknown as Record<string, unknown>[];
    },
    cpu: {
      ...Object.fromEntries(
        SERVICES.map((s) => [
          s,
          () => {
            const pid = children.get(s)?.pid;
            return pid ? [pid] : [];
          },
        ]),
      ),
      "Kafka broker (JVM)": () => findPids("kafka.Kafka", kafka.dataDir),
      "PostgreSQL (all backends)": () => findPids("bin/postgres", ` -p ${pg.port} `),
    },
    description: `backend, recurring, notifier and site as four processes (Bun ${Bun.version}), a PostgreSQL database each on one server (fsync off), EVENT_TRANSPORT=kafka (@platformatic/kafka), one Kafka broker, ${options.partitions ?? 6} partitions per topic`,
    async stop(keepLogsIn) {
      await stopServices();
      if (keepLogsIn) {
        rmSync(keepLogsIn, { recursive: true, force: true });
        cpSync(logDir, keepLogsIn, { recursive: true, filter: (source) => !source.includes("/events") });
      }
      for (const sql of clients.values()) await sql.end({ timeout: 1 }).catch(() => {});
      await Promise.all([kafka.stop(), pg.stop()]);
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/** Polls `GET <url>/readyz` until it answers 200; resolves with the time it did (ms epoch). */
export async function waitReady(url: string, timeoutMs = 120_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return Date.now();
    await Bun.sleep(100);
  }
  return undefined;
}
