// The single-node Kubernetes cluster on this machine (no Docker, no registry, no systemd).
//
//   bun scripts/infra/cluster/cluster.ts build [step...]   tools, base images and (without steps) the project's images, cached (~70 min cold)
//   bun scripts/infra/cluster/cluster.ts images [--tag T]   the project's four images from its Dockerfiles, rebuilt
//   bun scripts/infra/cluster/cluster.ts up                 etcd ... kube-proxy and CoreDNS in netns "k8s"
//   bun scripts/infra/cluster/cluster.ts down               stop everything, keep the state
//   bun scripts/infra/cluster/cluster.ts wipe [--keep-images]  down, then delete the state (etcd, PVs, images unless kept)
//   bun scripts/infra/cluster/cluster.ts env                prints KUBECONFIG and PATH for kubectl and helm
//
// Only one cluster per machine (fixed host paths): build and the lifecycle commands take a lock.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { BIN, BUILD_LOCK, CLUSTER_LOCK } from "./config.ts";
import { buildAll } from "./build.ts";
import { down, wipe } from "./down.ts";
import { HELM } from "./kube.ts";
import { ADMIN_KUBECONFIG } from "./pki.ts";
import { buildProjectImages, SERVICES, type Service } from "./project-images.ts";
import { holdLock } from "./lock.ts";
import { up } from "./up.ts";

const [command, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest.splice(i, 2)[1] : undefined;
};

async function main(): Promise<void> {
  switch (command) {
    case "build":
      await holdLock(BUILD_LOCK, "build");
      return buildAll(rest);
    case "images": {
      const tag = flag("--tag");
      const only = rest.length ? (rest as Service[]) : undefined;
      const bad = only?.filter((s) => !SERVICES.includes(s));
      if (bad?.length) throw new Error(`unknown service ${bad.join(", ")}; services: ${SERVICES.join(", ")}`);
      await holdLock(BUILD_LOCK, "images");
      return void (await buildProjectImages({ tag, only }));
    }
    case "up":
      await holdLock(CLUSTER_LOCK, "up");
      return void (await up());
    case "down":
      await holdLock(CLUSTER_LOCK, "down");
      return down();
    case "wipe":
      await holdLock(CLUSTER_LOCK, "wipe");
      return wipe({ keepImages: rest.includes("--keep-images") });
    case "env":
      console.log(
        `export KUBECONFIG=${ADMIN_KUBECONFIG}\nexport PATH=${join(BIN, "kubernetes")}:${dirname(HELM)}:$PATH`,
      );
      return;
    default:
      throw new Error(`unknown command "${command ?? ""}": build | images | up | down | wipe | env`);
  }
}

mkdirSync(dirname(CLUSTER_LOCK), { recursive: true });
await main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`cluster ${command}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
