// A `helm upgrade` to a new image tag while people keep using the site: a steady stream of reads
// through the site to the backend, every answer that is not a 2xx counted as a failed request.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { IMAGES } from "./config.ts";
import { helm } from "./kube.ts";
import { buildProjectImages, REPO_ROOT, type Service } from "./project-images.ts";
import { seconds } from "./sh.ts";

export interface UpgradeResult {
  requests: number;
  failures: string[];
  rolloutSeconds: number;
}

/** Keeps `workers` loops of GETs going until stopped; collects what failed. */
function steadyLoad(url: string, headers: Record<string, string>, workers = 2) {
  let running = true;
  let requests = 0;
  const failures: string[] = [];
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      requests++;
      try {
        const r = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
        await r.arrayBuffer();
        if (!r.ok) failures.push(`HTTP ${r.status} at ${new Date().toISOString()}`);
      } catch (e) {
        failures.push(`${(e as Error).message} at ${new Date().toISOString()}`);
      }
      await Bun.sleep(50);
    }
  });
  return { stop: async () => ((running = false), await Promise.all(loops), { requests, failures }) };
}

export async function upgradeUnderLoad(opts: {
  service: Exclude<Service, "site">;
  tag: string;
  siteUrl: string;
  cookie: string;
}): Promise<UpgradeResult> {
  await buildProjectImages({ tag: opts.tag, only: [opts.service] });
  const load = steadyLoad(`${opts.siteUrl}/api/tasks`, { cookie: opts.cookie });
  await Bun.sleep(3000);
  const started = performance.now();
  const chart = `helm/${opts.service}`;
  await helm(
    [
      "upgrade",
      opts.service,
      chart,
      "-n",
      "todo",
      "-f",
      `${chart}/values-local.yaml`,
      "--set",
      `image.tag=${opts.tag}`,
      "--wait",
      "--timeout",
      "5m",
    ],
    REPO_ROOT,
  );
  const rolloutSeconds = Number(seconds(started));
  // The old pod ends after the new one is ready: keep the load on through its termination.
  await Bun.sleep(15_000);
  const { requests, failures } = await load.stop();
  // A one-off tag: its archive would otherwise be imported again at every `up`.
  rmSync(join(IMAGES, `app-${opts.service}-${opts.tag}.tar`), { force: true });
  return { requests, failures, rolloutSeconds };
}
