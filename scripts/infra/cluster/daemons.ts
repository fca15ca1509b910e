// The node's processes: each started in the node's network namespace with `nsenter --net` (not
// `ip netns exec`, which remounts /sys and hides the cgroups the kubelet needs), in its own
// session so it outlives the command that started it, its output in RUN/logs/<name>.log and its
// pid in RUN/pids/<name>.pid. Stopping goes by those pid files only.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { NET, RUN } from "./config.ts";

export const LOGS = join(RUN, "logs");
const PIDS = join(RUN, "pids");
export const NETNS_PATH = `/run/netns/${NET.netns}`;
export const inNode = (argv: string[]) => ["nsenter", `--net=${NETNS_PATH}`, ...argv];

export function pidOf(name: string): number | undefined {
  const file = join(PIDS, `${name}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return pid > 0 && existsSync(`/proc/${pid}`) ? pid : undefined;
}

/** Starts it unless running; resolves once its pid file names it (so a check right after is meaningful). */
export async function startDaemon(name: string, argv: string[]): Promise<void> {
  if (pidOf(name)) return;
  mkdirSync(LOGS, { recursive: true });
  mkdirSync(PIDS, { recursive: true });
  const log = join(LOGS, `${name}.log`);
  // sh writes its own pid, then execs setsid-less nsenter which execs the daemon: the pid stays the daemon's.
  const script = `echo $$ > '${join(PIDS, `${name}.pid`)}'; exec "$@" >>'${log}' 2>&1 </dev/null`;
  const child = Bun.spawn(["setsid", "sh", "-c", script, "sh", ...inNode(argv)], {
    stdio: ["ignore", "ignore", "ignore"],
  });
  child.unref();
  const deadline = Date.now() + 5000;
  while (!existsSync(join(PIDS, `${name}.pid`)) && Date.now() < deadline) await Bun.sleep(20);
}

/** SIGTERM, then SIGKILL after the grace period; resolves when the process is gone. */
export async function stopDaemon(name: string, graceMs = 15_000): Promise<void> {
  const pid = pidOf(name);
  rmSync(join(PIDS, `${name}.pid`), { force: true, recursive: false });
  if (!pid) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) await Bun.sleep(100);
  if (existsSync(`/proc/${pid}`)) process.kill(pid, "SIGKILL");
  while (existsSync(`/proc/${pid}`) && !isZombie(pid)) await Bun.sleep(50);
}

function isZombie(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? false;
  } catch {
    return true;
  }
}
