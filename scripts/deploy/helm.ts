// Renders and lints the charts under helm/ with the helm binary scripts/infra/go-tools.ts builds.
// Used by the deployment tests; needs no cluster (`helm template`, `helm lint`).
import { join } from "node:path";
import {
  HELM_DIR,
  KUBE_VERSION,
  NAMESPACE,
  parseObjects,
  type Environment,
  type K8sObject,
} from "./charts.ts";
import { ensureGoTool } from "../infra/go-tools.ts";

export {
  CHARTS,
  ENVIRONMENTS,
  HELM_DIR,
  KUBE_VERSION,
  NAMESPACE,
  REPO_ROOT,
  SERVICE_CHARTS,
  parseObjects,
} from "./charts.ts";
export type { Environment, K8sObject } from "./charts.ts";

export interface HelmResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

async function helm(args: string[]): Promise<HelmResult> {
  const bin = await ensureGoTool("helm");
  const child = Bun.spawn([bin, ...args], {
    cwd: HELM_DIR,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...process.env,
      HELM_CACHE_HOME: "/tmp/helm-cache",
      HELM_CONFIG_HOME: "/tmp/helm-config",
      HELM_DATA_HOME: "/tmp/helm-data",
    },
  });
  const [stdout, stderr] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { ok: (await child.exited) === 0, stdout, stderr };
}

/** `helm template <chart>` as one release of that name in the todo namespace, with extra flags (e.g. --set). */
export async function templateChart(
  chart: string,
  env: Environment | null,
  extra: string[] = [],
): Promise<HelmResult> {
  const values = env ? ["-f", join(chart, `values-${env}.yaml`)] : [];
  return helm([
    "template",
    chart,
    chart,
    "--namespace",
    NAMESPACE,
    "--kube-version",
    KUBE_VERSION,
    ...values,
    ...extra,
  ]);
}

export async function lintChart(chart: string, env: Environment): Promise<HelmResult> {
  return helm([
    "lint",
    "--strict",
    chart,
    "--namespace",
    NAMESPACE,
    "--kube-version",
    KUBE_VERSION,
    "-f",
    join(chart, `values-${env}.yaml`),
  ]);
}

/** Renders a chart and parses it; throws with helm's message when rendering fails. */
export async function renderChart(
  chart: string,
  env: Environment | null,
  extra: string[] = [],
): Promise<{ text: string; objects: K8sObject[] }> {
  const result = await templateChart(chart, env, extra);
  if (!result.ok) throw new Error(`helm template ${chart} (${env ?? "defaults"}) failed:\n${result.stderr}`);
  return { text: result.stdout, objects: parseObjects(result.stdout) };
}
