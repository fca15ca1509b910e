// `cluster down`: the controllers first (otherwise the Deployments recreate the pods while they
// are being deleted and pod network namespaces are left behind), then every pod through the
// apiserver so the kubelet tears each sandbox down, then the rest; no process, mount or
// namespace of the cluster is left. `wipe` also deletes the cluster's state (etcd, images, PVs).
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { RUN } from "./config.ts";
import { ctr } from "./containerd-images.ts";
import { pidOf, stopDaemon } from "./daemons.ts";
import { kubectlProbe } from "./kube.ts";
import { netnsDown } from "./netns.ts";
import { CONTAINERD_SOCK } from "./node-config.ts";
import { probe, seconds } from "./sh.ts";

export async function down(): Promise<void> {
  const started = performance.now();
  await stopDaemon("kube-controller-manager");
  await stopDaemon("kube-scheduler");
  if (pidOf("kube-apiserver") && pidOf("kubelet")) {
    const r = kubectlProbe([
      "delete",
      "pods",
      "--all",
      "--all-namespaces",
      "--grace-period=10",
      "--timeout=90s",
    ]);
    if (r.code !== 0) console.warn(`cluster down: deleting pods: ${r.out.trim()}`);
  }
  for (const name of ["kubelet", "kube-proxy", "kube-apiserver", "etcd"]) await stopDaemon(name);
  if (pidOf("containerd")) await removeContainers();
  await stopDaemon("containerd");
  killShims();
  unmountUnder(RUN);
  await netnsDown();
  console.log(`cluster down: stopped in ${seconds(started)} s`);
}

/** Whatever the kubelet did not remove (it was stopped, or a pod hung): killed and deleted. */
async function removeContainers(): Promise<void> {
  const tasks = (await ctr(["tasks", "ls", "-q"]).catch(() => "")).split("\n").filter(Boolean);
  for (const id of tasks) await ctr(["tasks", "kill", "-s", "SIGKILL", id]).catch(() => "");
  await Bun.sleep(tasks.length ? 500 : 0);
  for (const id of tasks) await ctr(["tasks", "delete", "-f", id]).catch(() => "");
  const containers = (await ctr(["containers", "ls", "-q"]).catch(() => "")).split("\n").filter(Boolean);
  for (const id of containers) await ctr(["containers", "delete", id]).catch(() => "");
}

/** containerd's shims outlive it; ours are the ones whose command line names our socket. */
function killShims(): void {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let cmdline = "";
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (cmdline.includes("containerd-shim") && cmdline.includes(CONTAINERD_SOCK))
      process.kill(Number(pid), "SIGKILL");
  }
}

/** Unmounts every mount below a folder, deepest first (pod volumes, rootfs overlays, shm). */
export function unmountUnder(dir: string): void {
  const mounts = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4])
    .filter((m): m is string => !!m && m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) probe(["umount", "-l", m]);
}

/**
 * down, then delete the cluster's state. keepImages keeps containerd's image store (and the record
 * of what was imported), so a clean cluster starts without re-importing ~2 GB of archives.
 */
export async function wipe(opts: { keepImages?: boolean } = {}): Promise<void> {
  await down();
  const keep = opts.keepImages ? ["containerd", "imported"] : [];
  if (!existsSync(RUN)) return;
  for (const entry of readdirSync(RUN).filter((e) => !keep.includes(e)))
    rmSync(join(RUN, entry), { recursive: true, force: true });
  console.log(`cluster wipe: removed the cluster's state in ${RUN}${keep.length ? " (images kept)" : ""}`);
}
