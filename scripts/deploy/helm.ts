// Renders and lints the charts under helm/ with the helm binary scripts/infra/go-tools.ts builds.
// Used by the deployment tests; needs no cluster (`helm template`, `helm lint`).
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { ensureGoTool } from "../infra/go-tools.ts";

export const REPO_ROOT = new URL("../..", import.meta.url).pathname;
export const HELM_DIR = join(REPO_ROOT, "helm");
export const SERVICE_CHARTS = ["backend", "recurring", "notifier", "site"] as const;
export const CHARTS = [...SERVICE_CHARTS, "platform"] as const;
export const ENVIRONMENTS = ["local", "cloud"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
/** The namespace docs/deploy.md and the Argo CD applications install into. */
export const NAMESPACE = "todo";
/** The Kubernetes version the charts are rendered for (AKS's default channel at the time of writing). */
export const KUBE_VERSION = "1.33.0";

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; [k: string]: unknown }; [k: string]: unknown };

export interface HelmResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

async function helm(args: string[]): Promise<HelmResult> {
  const bin = await ensureGoTool("helm");
  const child = Bun.spawn([bin, ...args], { cwd: HELM_DIR, stdout: "pipe", stderr: "pipe", env: { ...process.env, HELM_CACHE_HOME: "/tmp/helm-cache", HELM_CONFIG_HOME: "/tmp/helm-config", HELM_DATA_HOME: "/tmp/helm-data" } });
  const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  return { ok: (await child.exited) === 0, stdout, stderr };
}

/** `helm template <chart>` as one release of that name in the todo namespace, with extra flags (e.g. --set). */
export async function templateChart(chart: string, env: Environment | null, extra: string[] = []): Promise<HelmResult> {
  const values = env ? ["-f", join(chart, `values-${env}.yaml`)] : [];
  return helm(["template", chart, chart, "--namespace", NAMESPACE, "--kube-version", KUBE_VERSION, ...values, ...extra]);
}

export async function lintChart(chart: string, env: Environment): Promise<HelmResult> {
  return helm(["lint", "--strict", chart, "--namespace", NAMESPACE, "--kube-version", KUBE_VERSION, "-f", join(chart, `values-${env}.yaml`)]);
}

/** The objects of a multi-document YAML stream (empty documents dropped); throws on a YAML error. */
export function parseObjects(text: string): K8sObject[] {
  const docs = parseAllDocuments(text);
  const objects: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`YAML error: ${doc.errors[0]!.message}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) objects.push(value as K8sObject);
  }
  return objects;
}

/** Renders a chart and parses it; throws with helm's message when rendering fails. */
export async function renderChart(chart: string, env: Environment | null, extra: string[] = []): Promise<{ text: string; objects: K8sObject[] }> {
  const result = await templateChart(chart, env, extra);
  if (!result.ok) throw new Error(`helm template ${chart} (${env ?? "defaults"}) failed:\n${result.stderr}`);
  return { text: result.stdout, objects: parseObjects(result.stdout) };
}
