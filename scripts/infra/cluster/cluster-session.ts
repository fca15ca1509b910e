// What every cluster test file shares: the machine-wide lock, a clean cluster brought up once per
// test process with the documented commands (SC-006, timed and printed), and the site's address.
import { CLUSTER_LOCK } from "./config.ts";
import { clusterBuilt } from "./build.ts";
import { loadImages } from "./containerd-images.ts";
import { runDocumentedDeploy } from "./deploy-doc.ts";
import { down, wipe } from "./down.ts";
import { kubectl } from "./kube.ts";
import { holdLock } from "./lock.ts";
import { refreshProjectImages } from "./project-images.ts";
import { seconds } from "./sh.ts";
import { up } from "./up.ts";

export const CLUSTER_READY = clusterBuilt();
export const NOT_BUILT_MESSAGE =
  "cluster tier skipped: the cluster is not built (bun scripts/infra/cluster/cluster.ts build, ~45 min cold)";

export interface ClusterTimes {
  upSeconds: number;
  deploySeconds: number;
  totalSeconds: number;
}
let session: Promise<ClusterTimes> | undefined;

/** Wipes the cluster (images kept), brings it up and runs docs/deploy.md's commands, once per process. */
export function cleanClusterWithProduct(): Promise<ClusterTimes> {
  session ??= (async () => {
    await holdLock(CLUSTER_LOCK, "the cluster tests");
    // npm test's prepare step has rebuilt them already; a direct `bun test` of this file does it here.
    await refreshProjectImages();
    await wipe({ keepImages: true });
    const started = performance.now();
    await up();
    await loadImages();
    const upSeconds = Number(seconds(started));
    const deployStarted = performance.now();
    await runDocumentedDeploy();
    const times = {
      upSeconds,
      deploySeconds: Number(seconds(deployStarted)),
      totalSeconds: Number(seconds(started)),
    };
    console.log(
      `SC-006: clean cluster up in ${times.upSeconds} s; documented commands to every service ready in ${times.deploySeconds} s; total ${times.totalSeconds} s`,
    );
    return times;
  })();
  return session;
}

export const stopCluster = () => down();

export async function serviceUrl(name: string, port: number): Promise<string> {
  const ip = (await kubectl(["-n", "todo", "get", "svc", name, "-o", "jsonpath={.spec.clusterIP}"])).trim();
  return `http://${ip}:${port}`;
}
