// `cluster up`: the node's daemons in order, each waited for, then CoreDNS; done when the
// `default` ServiceAccount exists (a pod created before it is refused). Prints each milestone.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RUN } from "./config.ts";
import { clusterBuilt } from "./build.ts";
import { COREDNS_IMAGE } from "./build-images.ts";
import { loadImages } from "./containerd-images.ts";
import { inNode, pidOf, startDaemon } from "./daemons.ts";
import { kubectl, kubectlProbe, waitFor } from "./kube.ts";
import { applyLocalVolumes } from "./local-volumes.ts";
import { netnsUp } from "./netns.ts";
import { CONTAINERD_SOCK, daemons, writeNodeConfig } from "./node-config.ts";
import { ensurePki } from "./pki.ts";
import { probe, seconds } from "./sh.ts";

export class ClusterNotBuilt extends Error {
  constructor() {
    super(
      "the cluster's tools and images are not built: run `bun scripts/infra/cluster/cluster.ts build` first (~45 min cold)",
    );
  }
}

function ensureRunning(name: string): void {
  if (!pidOf(name))
    throw new Error(`${name} exited at start; see ${join(RUN, "logs", `${name}.log`)}:\n${tail(name)}`);
}
const tail = (name: string) => {
  try {
    return readFileSync(join(RUN, "logs", `${name}.log`), "utf8")
      .split("\n")
      .slice(-15)
      .join("\n");
  } catch {
    return "(no log)";
  }
};

export async function up(): Promise<Record<string, number>> {
  if (!clusterBuilt()) throw new ClusterNotBuilt();
  const started = performance.now();
  const marks: Record<string, number> = {};
  const mark = (what: string) => {
    marks[what] = Number(seconds(started));
    console.log(`cluster up: ${what} at ${marks[what]} s`);
  };
  for (const d of ["etcd", "kubelet", "cni/ipam", "pv"]) mkdirSync(join(RUN, d), { recursive: true });
  await netnsUp();
  await ensurePki();
  writeNodeConfig();
  const byName = Object.fromEntries(daemons().map((d) => [d.name, d.argv]));
  const start = (name: string) => startDaemon(name, byName[name] as string[]);

  await start("etcd");
  await waitFor(
    "etcd",
    () => (ensureRunning("etcd"), probe(inNode(["curl", "-sf", "http://127.0.0.1:2379/health"])).code === 0),
    30_000,
  );
  await start("containerd");
  await waitFor("containerd", () => (ensureRunning("containerd"), existsSync(CONTAINERD_SOCK)), 30_000);
  const loaded = await loadImages();
  if (loaded.length) mark(`images imported (${loaded.join(", ")})`);
  await start("kube-apiserver");
  await waitFor(
    "kube-apiserver /readyz",
    () => (ensureRunning("kube-apiserver"), kubectlProbe(["get", "--raw", "/readyz"]).code === 0),
    120_000,
  );
  mark("apiserver ready");
  for (const name of ["kube-controller-manager", "kube-scheduler", "kubelet", "kube-proxy"])
    await start(name);
  await waitFor(
    "node Ready",
    () => {
      for (const n of ["kubelet", "kube-proxy", "kube-controller-manager", "kube-scheduler"])
        ensureRunning(n);
      return (
        kubectlProbe([
          "get",
          "node",
          "-o",
          "jsonpath={.items[0].status.conditions[?(@.type=='Ready')].status}",
        ]).out.trim() === "True"
      );
    },
    120_000,
  );
  mark("node Ready");
  const coredns = await Bun.file(join(import.meta.dir, "manifests", "coredns.yaml")).text();
  await kubectl(["apply", "-f", "-"], { stdin: coredns.replace("image: IMAGE", `image: ${COREDNS_IMAGE}`) });
  await waitFor(
    "the default ServiceAccount",
    () => kubectlProbe(["get", "serviceaccount", "default"]).code === 0,
    60_000,
  );
  mark("default ServiceAccount");
  await applyLocalVolumes();
  await kubectl(["-n", "kube-system", "rollout", "status", "deploy/coredns", "--timeout=120s"]);
  mark("CoreDNS ready");
  return marks;
}
