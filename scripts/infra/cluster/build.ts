// `cluster build`: every tool and base image the single-node cluster needs, each a cached step
// that is timed and printed (a second run finds them all cached). One build at a time per machine.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureGoTool, GO_TOOLS } from "../go-tools.ts";
import { BIN, DAPR_COMMANDS, KUBE_BINARIES, VERSIONS } from "./config.ts";
import { buildCertManager, buildCoreDns, buildDapr, buildPebble, buildTraefik } from "./build-go.ts";
import {
  buildBinaryImages,
  buildBunBase,
  buildIngressImages,
  buildKafka,
  buildPause,
  buildPostgres,
  buildRootfs,
} from "./build-images.ts";
import { buildKubernetes } from "./build-kubernetes.ts";
import { configurePodman, installPackages } from "./host-setup.ts";
import { isStamped, step } from "./sh.ts";

const V = VERSIONS;
/** Each step: its stamp name, the key that invalidates it, and what it does. Order matters. */
export const BUILD_STEPS: { name: string; key: string; run: () => Promise<void> }[] = [
  { name: "host-packages", key: "bookworm-1", run: async () => (await installPackages(), configurePodman()) },
  { name: "kubernetes", key: V.kubernetes, run: buildKubernetes },
  { name: "dapr", key: V.dapr, run: buildDapr },
  { name: "coredns", key: V.coredns, run: buildCoreDns },
  { name: "traefik", key: V.traefik, run: buildTraefik },
  { name: "cert-manager", key: V.certManager, run: buildCertManager },
  { name: "pebble", key: V.pebble, run: buildPebble },
  { name: "helm", key: GO_TOOLS.helm.version, run: async () => void (await ensureGoTool("helm")) },
  { name: "debian-rootfs", key: V.debian, run: buildRootfs },
  { name: "bun-base-image", key: `${V.bun}-${V.debian}`, run: buildBunBase },
  { name: "pause-image", key: V.pause, run: buildPause },
  { name: "binary-images", key: `${V.coredns}-${V.dapr}`, run: buildBinaryImages },
  { name: "ingress-images", key: `${V.traefik}-${V.certManager}-${V.pebble}`, run: buildIngressImages },
  { name: "postgres-image", key: `${V.postgres}-1`, run: buildPostgres },
  { name: "kafka-image", key: `${V.kafka}-1`, run: buildKafka },
];

/** True when everything `up` needs is built (what the cluster test tier checks before it runs). */
export function clusterBuilt(): boolean {
  const bins = [
    ...KUBE_BINARIES.map((b) => join(BIN, "kubernetes", b)),
    ...DAPR_COMMANDS.map((c) => join(BIN, "dapr", c)),
  ];
  return BUILD_STEPS.every((s) => isStamped(s.name, s.key)) && bins.every((b) => existsSync(b));
}

export async function buildAll(only: string[] = []): Promise<void> {
  const unknown = only.filter((o) => !BUILD_STEPS.some((s) => s.name === o));
  if (unknown.length)
    throw new Error(
      `unknown build step ${unknown.join(", ")}; steps: ${BUILD_STEPS.map((s) => s.name).join(", ")}`,
    );
  const started = performance.now();
  const times: [string, number][] = [];
  for (const s of BUILD_STEPS) {
    if (only.length && !only.includes(s.name)) continue;
    times.push([s.name, await step(s.name, s.key, s.run)]);
  }
  // Last, the project's four images from the working tree (only those whose sources changed): one
  // command leaves everything the documented deploy needs.
  if (!only.length) {
    const { refreshProjectImages } = await import("./project-images.ts");
    const rebuilt = await refreshProjectImages();
    for (const [service, took] of Object.entries(rebuilt)) times.push([`image ${service}`, took]);
  }
  console.log("cluster build: step times (s, 0 = cached)");
  for (const [name, t] of times) console.log(`  ${name.padEnd(16)} ${t.toFixed(1)}`);
  console.log(`cluster build: total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
