// Real Dapr sidecars on this machine, without Docker or `dapr init`.
// daprd and the scheduler are built from source once (dapr/build.sh, several minutes)
// into ~/.cache/chat-todo/dapr-<version>/ and run as plain child processes on free ports.
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { DAPR_BIN_DIR as BIN_DIR, DAPR_VERSION } from "./dapr-bin.ts";
import { freePort } from "./free-port.ts";

export { DAPR_VERSION };
const LOG_LEVEL = process.env.DAPR_LOG_LEVEL ?? "info";

let building: Promise<{ daprd: string; scheduler: string }> | undefined;

/** Paths of the daprd and scheduler binaries; builds them first if missing. */
export function ensureDapr(): Promise<{ daprd: string; scheduler: string }> {
  const bins = { daprd: join(BIN_DIR, "daprd"), scheduler: join(BIN_DIR, "scheduler") };
  if (existsSync(bins.daprd) && existsSync(bins.scheduler)) return Promise.resolve(bins);
  building ??= (async () => {
    const proc = Bun.spawn(["bash", join(import.meta.dir, "dapr", "build.sh")], {
      env: { ...process.env, DAPR_VERSION, DAPR_BIN_DIR: BIN_DIR },
      stdout: "ignore",
      stderr: "inherit",
    });
    if ((await proc.exited) !== 0) throw new Error(`dapr/build.sh failed (exit ${proc.exitCode})`);
    return bins;
  })();
  return building;
}

/** Starts the Dapr scheduler (embedded etcd, no mTLS) with a throwaway data dir. */
export async function startScheduler(): Promise<{ address: string; stop(): Promise<void> }> {
  const { scheduler } = await ensureDapr();
  const dir = await mkdtemp(join(tmpdir(), "dapr-scheduler-"));
  const [port, healthzPort, metricsPort, etcdClientPort, etcdPeerPort] = (await freePorts(5)) as Ports<5>;
  const id = "dapr-scheduler-server-0";
  const proc = spawnLogged(dir, [
    scheduler,
    "--mode",
    "standalone",
    "--id",
    id,
    "--listen-address",
    "127.0.0.1",
    "--port",
    String(port),
    "--healthz-listen-address",
    "127.0.0.1",
    "--healthz-port",
    String(healthzPort),
    "--metrics-listen-address",
    "127.0.0.1",
    "--metrics-port",
    String(metricsPort),
    "--etcd-data-dir",
    join(dir, "data"),
    "--etcd-client-listen-address",
    "127.0.0.1",
    "--etcd-client-port",
    String(etcdClientPort),
    "--etcd-initial-cluster",
    `${id}=http://127.0.0.1:${etcdPeerPort}`,
    "--log-level",
    LOG_LEVEL,
  ]);
  const stop = async () => {
    await kill(proc);
    await rm(dir, { recursive: true, force: true });
  };
  await waitReady(proc, dir, `http://127.0.0.1:${healthzPort}/healthz`, 200).catch(async (e) => {
    await stop();
    throw e;
  });
  return { address: `127.0.0.1:${port}`, stop };
}

/** Starts a daprd sidecar for an HTTP app; resolves once its outbound APIs are healthy. */
export async function startSidecar(opts: {
  appId: string;
  appPort: number;
  componentsDir: string;
  schedulerAddress?: string;
  /** Extra environment for daprd, e.g. APP_API_TOKEN (the token it sends to the app). */
  env?: Record<string, string>;
}): Promise<{ httpPort: number; grpcPort: number; stop(): Promise<void> }> {
  const { daprd } = await ensureDapr();
  const dir = await mkdtemp(join(tmpdir(), `daprd-${opts.appId}-`));
  const [httpPort, grpcPort, internalGrpcPort, metricsPort] = (await freePorts(4)) as Ports<4>;
  const proc = spawnLogged(
    dir,
    [
      daprd,
      "--mode",
      "standalone",
      "--app-id",
      opts.appId,
      "--app-port",
      String(opts.appPort),
      "--app-protocol",
      "http",
      "--app-channel-address",
      "127.0.0.1",
      "--dapr-listen-addresses",
      "127.0.0.1",
      "--dapr-http-port",
      String(httpPort),
      "--dapr-grpc-port",
      String(grpcPort),
      "--dapr-internal-grpc-port",
      String(internalGrpcPort),
      "--metrics-listen-address",
      "127.0.0.1",
      "--metrics-port",
      String(metricsPort),
      "--resources-path",
      opts.componentsDir,
      ...(opts.schedulerAddress ? ["--scheduler-host-address", opts.schedulerAddress] : []),
      "--log-level",
      LOG_LEVEL,
    ],
    opts.env,
  );
  const stop = async () => {
    await kill(proc);
    await rm(dir, { recursive: true, force: true });
  };
  await waitReady(proc, dir, `http://127.0.0.1:${httpPort}/v1.0/healthz/outbound`, 204).catch(async (e) => {
    await stop();
    throw e;
  });
  return { httpPort, grpcPort, stop };
}

type Ports<N extends number, P extends number[] = []> = P["length"] extends N ? P : Ports<N, [...P, number]>;

/** n distinct free ports. */
async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

// Children are killed when this process exits, so a crashed test leaves no sidecars behind.
const live = new Set<Subprocess>();
process.on("exit", () => live.forEach((p) => p.kill("SIGKILL")));

/** Spawns with stdout+stderr to <dir>/log (DAPR_LOGS=inherit shows them instead). */
function spawnLogged(dir: string, cmd: string[], env?: Record<string, string>): Subprocess {
  const out = process.env.DAPR_LOGS === "inherit" ? "inherit" : openSync(join(dir, "log"), "a");
  const proc = Bun.spawn(cmd, {
    cwd: dir,
    stdout: out,
    stderr: out,
    stdin: "ignore",
    env: env ? { ...process.env, ...env } : undefined,
  });
  if (typeof out === "number") closeSync(out);
  live.add(proc);
  void proc.exited.then(() => live.delete(proc));
  return proc;
}

async function kill(proc: Subprocess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
  await proc.exited;
  clearTimeout(timer);
}

async function waitReady(proc: Subprocess, dir: string, url: string, status: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) break;
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === status) return;
    await Bun.sleep(100);
  }
  const log = await Bun.file(join(dir, "log"))
    .text()
    .catch(() => "");
  throw new Error(
    `${proc.exitCode === null ? "not ready in time" : `exited ${proc.exitCode}`}: ${url}\n${log.slice(-3000)}`,
  );
}

/** Writes dapr/<template>.yaml into componentsDir with each {{key}} replaced by vars[key]. */
export async function renderComponent(componentsDir: string, template: string, vars: Record<string, string>) {
  const text = await Bun.file(join(import.meta.dir, "dapr", `${template}.yaml`)).text();
  const out = text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in vars)) throw new Error(`renderComponent(${template}): no value for {{${key}}}`);
    return vars[key]!;
  });
  await Bun.write(join(componentsDir, `${vars.name ?? template}.yaml`), out);
}
