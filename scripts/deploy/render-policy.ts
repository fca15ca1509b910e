// Policy over rendered manifests (pure: objects in, findings out). What the issue asks of every
// workload: resources and probes on each container, non-root, pinned images, the Dapr annotations
// with app-port matching the container, and no credential anywhere but in a Secret reference.
import type { K8sObject } from "./charts.ts";

type Container = {
  name: string;
  image?: string;
  ports?: { containerPort: number }[];
  env?: { name: string; value?: unknown; valueFrom?: { secretKeyRef?: unknown } }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  securityContext?: {
    runAsNonRoot?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
};
type PodSpec = {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  initContainers?: Container[];
};

/** Setting names that hold a credential; such a setting must come from a secretKeyRef. */
export const CREDENTIAL_NAME =
  /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CONNECTION_?STRING|DATABASE_URL|_DSN$)/i;
/** A URL that carries a password (scheme://user:password@host). */
export const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i;

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

function podSpecOf(o: K8sObject): { spec: PodSpec; annotations: Record<string, string> } | undefined {
  if (!WORKLOADS.has(o.kind)) return undefined;
  const spec = o.spec as {
    template?: { metadata?: { annotations?: Record<string, string> }; spec: PodSpec };
    jobTemplate?: { spec: { template: { spec: PodSpec } } };
  };
  const template = o.kind === "CronJob" ? spec.jobTemplate!.spec.template : spec.template!;
  return {
    spec: template.spec,
    annotations:
      (template as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations ?? {},
  };
}

function imageProblem(image: string | undefined): string | undefined {
  if (!image) return "has no image";
  const [name, digest] = image.split("@");
  if (digest) return undefined;
  const tag =
    name!.includes(":") && name!.lastIndexOf(":") > name!.lastIndexOf("/")
      ? name!.slice(name!.lastIndexOf(":") + 1)
      : "";
  if (!tag) return `image ${image} has no tag (means latest)`;
  if (tag === "latest") return `image ${image} uses the latest tag`;
  return undefined;
}

function containerFindings(id: string, c: Container, pod: PodSpec, isService: boolean): string[] {
  const where = `${id} container ${c.name}`;
  const out: string[] = [];
  const image = imageProblem(c.image);
  if (image) out.push(`${where}: ${image}`);
  for (const kind of ["requests", "limits"] as const) {
    for (const r of ["cpu", "memory"])
      if (c.resources?.[kind]?.[r] === undefined) out.push(`${where}: no resources.${kind}.${r}`);
  }
  if (!c.readinessProbe) out.push(`${where}: no readinessProbe`);
  if (!c.livenessProbe) out.push(`${where}: no livenessProbe`);
  const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
  if (nonRoot !== true) out.push(`${where}: runAsNonRoot is not true`);
  if (pod.securityContext?.runAsUser === 0) out.push(`${where}: runs as uid 0`);
  if (c.securityContext?.allowPrivilegeEscalation !== false)
    out.push(`${where}: allowPrivilegeEscalation is not false`);
  if (!c.securityContext?.capabilities?.drop?.includes("ALL"))
    out.push(`${where}: capabilities do not drop ALL`);
  if (isService && c.securityContext?.readOnlyRootFilesystem !== true)
    out.push(`${where}: root file system is not read-only`);
  for (const e of c.env ?? []) {
    const plain = e.value !== undefined ? String(e.value) : undefined;
    if (plain !== undefined && CREDENTIAL_NAME.test(e.name))
      out.push(`${where}: ${e.name} is a credential given as a plain value (use secretKeyRef)`);
    if (plain !== undefined && URL_WITH_PASSWORD.test(plain))
      out.push(`${where}: ${e.name} holds a URL with a password`);
  }
  return out;
}

function daprFindings(id: string, annotations: Record<string, string>, main: Container): string[] {
  if (annotations["dapr.io/enabled"] !== "true") return [`${id}: dapr.io/enabled is not "true"`];
  const out: string[] = [];
  for (const key of [
    "app-id",
    "app-port",
    "sidecar-cpu-request",
    "sidecar-memory-request",
    "sidecar-cpu-limit",
    "sidecar-memory-limit",
  ]) {
    if (!annotations[`dapr.io/${key}`]) out.push(`${id}: no dapr.io/${key} annotation`);
  }
  const port = Number(annotations["dapr.io/app-port"]);
  if (!(main.ports ?? []).some((p) => p.containerPort === port))
    out.push(
      `${id}: dapr.io/app-port ${annotations["dapr.io/app-port"]} is not a port of container ${main.name}`,
    );
  return out;
}

function componentFindings(o: K8sObject): string[] {
  const items = (o.spec as { metadata?: { name: string; value?: unknown }[] }).metadata ?? [];
  const out: string[] = [];
  for (const item of items) {
    if (item.value === undefined) continue;
    const value = String(item.value);
    if (/(password|secret|token|connectionString|apiKey|accessKey)$/i.test(item.name))
      out.push(`Component/${o.metadata.name}: ${item.name} is a plain value (use secretKeyRef)`);
    if (URL_WITH_PASSWORD.test(value))
      out.push(`Component/${o.metadata.name}: ${item.name} holds a URL with a password`);
  }
  return out;
}

/**
 * Findings for a chart's rendered objects. `daprApps` is true for the service charts: every
 * Deployment there must carry the Dapr sidecar and a read-only root file system.
 */
export function checkRendered(objects: K8sObject[], options: { daprApps: boolean }): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    if (o.kind === "Secret")
      out.push(`${id}: charts must not carry Secrets (create them outside, see docs/deploy.md)`);
    if (o.kind === "ConfigMap") {
      for (const [key, value] of Object.entries((o.data as Record<string, string>) ?? {})) {
        if (URL_WITH_PASSWORD.test(value) || /password\s*[:=]\s*\S+/i.test(value))
          out.push(`${id}: ${key} holds a password`);
      }
    }
    if (o.kind === "Component") out.push(...componentFindings(o));
    const pod = podSpecOf(o);
    if (!pod) continue;
    const isService = options.daprApps && o.kind === "Deployment";
    for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])])
      out.push(...containerFindings(id, c, pod.spec, isService));
    if (isService) out.push(...daprFindings(id, pod.annotations, pod.spec.containers[0]!));
  }
  return out;
}
