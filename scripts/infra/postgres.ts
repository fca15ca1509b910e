// Throw-away PostgreSQL clusters for tests and local runs.
// CLI: `bun scripts/infra/postgres.ts start [--port N]` prints the URL and runs until SIGINT/SIGTERM.
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import postgres from "postgres";
import { freePort } from "./free-port.ts";

export interface PostgresServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Fast shutdown, then the same server again on the same data directory and port (fault tests, bench/chaos). */
  restart(): Promise<void>;
}

const PG_ROOT = "/usr/lib/postgresql";
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

const log = (msg: string) => console.error(`[postgres] ${msg}`);

function findPgBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(PG_ROOT, v, "bin", "postgres")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(PG_ROOT, versions[0], "bin");
}

function sh(cmd: string[]): boolean {
  log(`$ ${cmd.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  return Bun.spawnSync(cmd, { env, stdout: "inherit", stderr: "inherit" }).exitCode === 0;
}

/** The directory of PostgreSQL's binaries, installing Debian's package first when there are none. */
export function ensurePgBin(): string {
  const found = findPgBin();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `PostgreSQL binaries not found in ${PG_ROOT}/<version>/bin; install them with: sudo apt-get install postgresql`,
    );
  }
  log(`no PostgreSQL in ${PG_ROOT}; installing the Debian package`);
  const install = ["apt-get", "install", "-y", "--no-install-recommends", "postgresql"];
  // Fresh images have empty package lists; old lists may point at removed .debs, so update once and retry.
  const hasCandidate = /Candidate: (?!\(none\))/.test(
    Bun.spawnSync(["apt-cache", "policy", "postgresql"]).stdout.toString(),
  );
  const ok = (hasCandidate && sh(install)) || (sh(["apt-get", "update"]) && sh(install));
  const bin = ok ? findPgBin() : undefined;
  if (!bin)
    throw new Error(
      `could not install PostgreSQL with apt-get (see output above); install it manually: apt-get install postgresql`,
    );
  return bin;
}

// PostgreSQL refuses to run as root, so as root we run it as the `postgres` system user.
function postgresUser(): { uid: number; gid: number } {
  const lookup = () => Bun.spawnSync(["getent", "passwd", "postgres"]).stdout.toString().split(":");
  let entry = lookup();
  if (entry.length < 4) {
    sh([
      "useradd",
      "--system",
      "--user-group",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    entry = lookup();
  }
  const [uid, gid] = [Number(entry[2]), Number(entry[3])];
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error("could not find or create the postgres system user");
  return { uid, gid };
}

// Cleans up even when this process dies without running any handler (SIGKILL, a crash, `bun test` exiting):
// the watchdog sleeps on a pipe that only closes when we are gone. Detached, so Ctrl-C does not kill it first.
function startWatchdog(postmasterPid: number, dir: string) {
  const script = `read _; kill -QUIT ${postmasterPid} 2>/dev/null; i=0
while [ -e "$1/data/postmaster.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; rm -rf "$1"`;
  const watchdog = Bun.spawn(["sh", "-c", script, "pg-watchdog", dir], {
    stdin: "pipe",
    stdout: "ignore",
    stderr: "ignore",
    detached: true,
  });
  watchdog.unref();
  return watchdog;
}

// Checks data_directory so that another server already on the port is not mistaken for ours.
async function waitUntilReady(url: string, dataDir: string, exited: () => boolean) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited()) throw new Error("postgres exited during startup");
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const [row] = await sql`select current_setting('data_directory') as dir`;
      if (row?.dir === dataDir) return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections within ${READY_TIMEOUT_MS} ms: ${err}`);
    } finally {
      await sql.end({ timeout: 0 });
    }
    if (Date.now() > deadline) throw new Error(`another server answers on ${url}`);
    await Bun.sleep(100);
  }
}

const timeout = (ms: number) =>
  new Promise<"timeout">((resolve) => setTimeout(resolve, ms, "timeout").unref());

export async function startPostgres(opts: { port?: number } = {}): Promise<PostgresServer> {
  const bin = ensurePgBin();
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), "chat-todo-pg-"));
  const data = join(dir, "data");
  const logFile = join(dir, "postgres.log");
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  initCluster(bin, dir, user);

  const postmaster = supervise(() => launchPostgres(bin, dir, port, logFile, user), dir);
  let stopping: Promise<void> | undefined;
  const server: PostgresServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await postmaster.shutDown();
        rmSync(dir, { recursive: true, force: true });
        postmaster.dropWatchdog();
      })()),
    async restart() {
      if (stopping) throw new Error("postgres: restart() after stop()");
      await postmaster.shutDown();
      postmaster.relaunch();
      await waitUntilReady(server.url, data, postmaster.exited);
    },
  };

  try {
    await waitUntilReady(server.url, data, postmaster.exited);
  } catch (err) {
    const serverLog = existsSync(logFile)
      ? readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n")
      : "";
    await server.stop();
    throw new Error(`${(err as Error).message}\n--- postgres log (tail) ---\n${serverLog}`);
  }
  return server;
}

type PostgresUser = { uid: number; gid: number } | undefined;

// A new cluster in DIR/data: trust on the loopback only, UTF-8, and no fsync (it is thrown away).
function initCluster(bin: string, dir: string, user: PostgresUser): void {
  const initdb = Bun.spawnSync(initdbCommand(bin, join(dir, "data")), {
    ...user,
    stdout: "pipe",
    stderr: "pipe",
  });
  if (initdb.exitCode !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${initdb.exitCode}):\n${initdb.stdout}${initdb.stderr}`);
  }
}

/** initdb's command line for a throw-away cluster in `data`. */
export function initdbCommand(bin: string, data: string): string[] {
  return [
    join(bin, "initdb"),
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ];
}

// Durability is pointless for a cluster that is deleted afterwards; turning it off makes tests faster.
const SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200"];

/** The server's command line: TCP on 127.0.0.1:`port` only, its Unix socket in `dir`, durability off. */
export function postgresCommand(bin: string, dir: string, port: number): string[] {
  return [
    join(bin, "postgres"),
    "-D",
    join(dir, "data"),
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-k",
    dir,
    ...SETTINGS.flatMap((s) => ["-c", s]),
  ];
}

function launchPostgres(bin: string, dir: string, port: number, logFile: string, user: PostgresUser) {
  // A log file, not a pipe: an unread pipe fills up and blocks the server. Appended to across restarts.
  const log = openSync(logFile, "a");
  const child = Bun.spawn(postgresCommand(bin, dir, port), {
    ...user,
    stdin: "ignore",
    stdout: "ignore",
    stderr: log,
  });
  closeSync(log);
  return child;
}

// The postmaster and the watchdog that cleans up after it should this process die first.
function supervise(launch: () => Subprocess, dir: string) {
  let proc = launch();
  let watchdog = startWatchdog(proc.pid, dir);
  return {
    exited: () => proc.exitCode !== null,
    async shutDown() {
      proc.kill("SIGINT"); // fast shutdown
      if ((await Promise.race([proc.exited, timeout(STOP_TIMEOUT_MS)])) === "timeout") {
        proc.kill("SIGKILL");
        await proc.exited;
      }
    },
    dropWatchdog: () => watchdog.kill("SIGKILL"),
    relaunch() {
      // The old watchdog would signal the old postmaster's pid; the new one guards the new postmaster.
      watchdog.kill("SIGKILL");
      proc = launch();
      watchdog = startWatchdog(proc.pid, dir);
    },
  };
}

if (import.meta.main) {
  const [command, flag, value] = process.argv.slice(2);
  if (command !== "start" || (flag !== undefined && (flag !== "--port" || !/^\d+$/.test(value ?? "")))) {
    console.error("usage: bun scripts/infra/postgres.ts start [--port N]");
    process.exit(2);
  }
  const server = await startPostgres({ port: flag ? Number(value) : undefined });
  console.log(server.url);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      await server.stop();
      log("stopped");
      process.exit(0);
    });
  }
}
