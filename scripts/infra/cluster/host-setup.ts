// What the host needs before anything is built: the Debian packages (installed only when
// missing, one apt run at a time machine-wide) and podman's limits for this kind of VM.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { probe, run } from "./sh.ts";

export const HOST_PACKAGES = [
  "podman",
  "buildah",
  "containerd",
  "runc",
  "containernetworking-plugins",
  "debootstrap",
  "iptables",
  "etcd-server",
  "etcd-client",
  "conntrack",
  "socat",
  "ethtool",
  "ebtables",
  "fuse-overlayfs",
  "slirp4netns",
  "uidmap",
  "catatonit",
  "ca-certificates",
  "openssl",
  "gcc",
  "libc6-dev",
] as const;

const APT_LOCK = "/var/lock/chat-todo-apt.lock";
const POLICY_RC = "/usr/sbin/policy-rc.d";

export function missingPackages(): string[] {
  return HOST_PACKAGES.filter(
    (p) => !probe(["dpkg-query", "-W", "-f=${Status}", p]).out.includes("install ok installed"),
  );
}

/** apt-get install of what is missing, with a policy-rc.d that keeps packages from starting daemons (no systemd here). */
export async function installPackages(): Promise<void> {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const ownPolicy = !existsSync(POLICY_RC);
  if (ownPolicy) writeFileSync(POLICY_RC, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    await run(["flock", APT_LOCK, "apt-get", "update"], { env });
    await run(["flock", APT_LOCK, "apt-get", "install", "-y", "--no-install-recommends", ...missing], {
      env,
    });
  } finally {
    if (ownPolicy) Bun.spawnSync(["rm", "-f", POLICY_RC]);
  }
}

/**
 * Root here lacks CAP_SYS_RESOURCE and the hard RLIMIT_NOFILE is 20000: podman's default ulimits
 * (nofile 1048576) make every `runc create` fail, so containers.conf lowers them.
 */
export function configurePodman(): void {
  const path = "/etc/containers/containers.conf";
  const current = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (current.includes("default_ulimits")) return;
  mkdirSync("/etc/containers", { recursive: true });
  const block = `[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n`;
  if (current.includes("[containers]")) writeFileSync(path, current.replace("[containers]\n", block));
  else writeFileSync(path, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${block}`);
}
