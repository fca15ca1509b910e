// What the deployment checks know about the charts without running helm: where they are, their names,
// the environments and namespace, and how to read a rendered YAML stream. Kept apart from helm.ts so that
// a check that only reads files does not need the helm binary built (scripts/testing/prepare.ts).
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

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

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [k: string]: unknown };
  [k: string]: unknown;
};

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
