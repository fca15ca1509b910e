// Validates rendered objects against their API schemas without a cluster: Kubernetes, cert-manager
// and Argo CD through the @kubernetes-models packages (their generated OpenAPI validators), Dapr
// through ./dapr-schemas.ts. An object whose kind has no schema here is an error, not a pass.
import { Value } from "@sinclair/typebox/value";
import { DAPR_SCHEMAS } from "./dapr-schemas.ts";
import type { K8sObject } from "./charts.ts";

type Model = new (data: unknown) => { validate(): void };

/** The module that holds an apiVersion's models, by API group. */
function modelModule(apiVersion: string): string | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "") return `kubernetes-models/${version}`;
  if (group === "cert-manager.io" || group === "acme.cert-manager.io")
    return `@kubernetes-models/cert-manager/${group}/${version}`;
  if (group === "argoproj.io") return `@kubernetes-models/argo-cd/${group}/${version}`;
  if (!group!.includes(".") || group!.endsWith(".k8s.io")) return `kubernetes-models/${group}/${version}`;
  return undefined;
}

/** Problems with one object ("Deployment/backend: spec/replicas must be integer"); empty when valid. */
export async function validateObject(object: K8sObject): Promise<string[]> {
  const id = `${object?.kind}/${object?.metadata?.name}`;
  if (!object || typeof object.apiVersion !== "string" || typeof object.kind !== "string")
    return [`${id}: not a Kubernetes object`];
  const dapr = DAPR_SCHEMAS[`${object.apiVersion}/${object.kind}`];
  if (dapr) return [...Value.Errors(dapr, object)].map((e) => `${id}: ${e.path || "/"} ${e.message}`);
  const module = modelModule(object.apiVersion);
  if (!module) return [`${id}: no schema known for ${object.apiVersion}`];
  let models: Record<string, Model>;
  try {
    models = await import(module);
  } catch {
    return [`${id}: no schema known for ${object.apiVersion}`];
  }
  const model = models[object.kind];
  if (typeof model !== "function") return [`${id}: no schema known for ${object.apiVersion} ${object.kind}`];
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    return [`${id}: ${(error as Error).message}`];
  }
}

export async function validateObjects(objects: K8sObject[]): Promise<string[]> {
  return (await Promise.all(objects.map(validateObject))).flat();
}
