// Every chart under helm/ with both environments' values: helm lint, helm template, each object
// against its API schema, the deployment policy, and the settings against the services' config.
import { describe, expect, test, afterAll } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CHARTS,
  ENVIRONMENTS,
  REPO_ROOT,
  SERVICE_CHARTS,
  lintChart,
  parseObjects,
  renderChart,
  templateChart,
  type Environment,
  type K8sObject,
} from "./helm.ts";
import { validateObjects } from "./k8s-validate.ts";
import { checkRendered } from "./render-policy.ts";

let validated = 0;
afterAll(() => console.log(`charts: ${validated} rendered objects validated against their schemas`));

// helm template runs once per chart and environment; each test parses its own copy, free to change it.
const renders = new Map<string, Promise<string>>();
async function rendered(chart: string, env: Environment): Promise<{ text: string; objects: K8sObject[] }> {
  const key = `${chart}/${env}`;
  const text = await (renders.get(key) ??
    renders
      .set(
        key,
        renderChart(chart, env).then((r) => r.text),
      )
      .get(key)!);
  return { text, objects: parseObjects(text) };
}

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
type Deployment = {
  spec: {
    replicas?: number;
    template: {
      metadata: { annotations: Record<string, string> };
      spec: {
        containers: {
          ports: { containerPort: number }[];
          env: { name: string; valueFrom?: { secretKeyRef: { name: string } } }[];
        }[];
      };
    };
  };
};
const deploymentOf = (objects: K8sObject[]) => byKind(objects, "Deployment")[0] as unknown as Deployment;

/** The service's own TypeBox config schema (services/<name>/src/config.ts), when it has one. */
async function configSchemaOf(
  service: string,
): Promise<{ properties: Record<string, { default?: unknown }> } | undefined> {
  const file = join(REPO_ROOT, service === "site" ? "site" : `services/${service}`, "src", "config.ts");
  if (!existsSync(file)) return undefined;
  return (await import(file)).ConfigSchema;
}

describe.each(CHARTS.map((c) => [c]))("chart %s", (chart) => {
  test.each(ENVIRONMENTS.map((e) => [e]))("passes helm lint --strict with values-%s.yaml", async (env) => {
    const result = await lintChart(chart, env);
    expect(result.stderr + result.stdout).toContain("0 chart(s) failed");
    expect(result.ok).toBe(true);
  });

  test.each(ENVIRONMENTS.map((e) => [e]))(
    "renders with values-%s.yaml into objects that match their API schemas and the policy",
    async (env) => {
      const { objects } = await rendered(chart, env);
      expect(objects.length).toBeGreaterThan(0);
      expect(await validateObjects(objects)).toEqual([]);
      validated += objects.length;
      expect(checkRendered(objects, { daprApps: chart !== "platform" })).toEqual([]);
    },
  );

  test.each(ENVIRONMENTS.map((e) => [e]))(
    "renders identically twice with values-%s.yaml (a second sync changes nothing)",
    async (env) => {
      const [first, second] = [await templateChart(chart, env), await templateChart(chart, env)];
      expect(first.ok).toBe(true);
      expect(second.stdout).toBe(first.stdout);
    },
  );
});

// The Dapr app ids SPEC.md names ("Kubernetes Service Responsibilities").
const APP_IDS: Record<string, string> = {
  backend: "backend",
  recurring: "recurring-service",
  notifier: "notification-service",
  site: "frontend",
};

describe.each(SERVICE_CHARTS.map((c) => [c]))("service chart %s", (service) => {
  test("serves the port the service listens on by default, and Dapr calls it there under its own app id", async () => {
    const { objects } = await rendered(service, "cloud");
    const deployment = deploymentOf(objects);
    const port = deployment.spec.template.spec.containers[0]!.ports[0]!.containerPort;
    const schema = await configSchemaOf(service);
    expect(port).toBe(schema ? Number(schema.properties.PORT!.default) : 3000);
    expect(deployment.spec.template.metadata.annotations["dapr.io/app-id"]).toBe(APP_IDS[service]);
    expect(deployment.spec.template.metadata.annotations["dapr.io/app-port"]).toBe(String(port));
  });

  test("sets only settings the service reads (its config.ts schema)", async () => {
    const schema = await configSchemaOf(service);
    if (!schema) return console.log(`charts: ${service} has no src/config.ts yet; settings not checked`);
    const { objects } = await rendered(service, "cloud");
    const names = deploymentOf(objects).spec.template.spec.containers[0]!.env.map((e) => e.name);
    expect(names.filter((n) => !(n in schema.properties))).toEqual([]);
  });

  test("may read exactly the Secrets its pod reads, nothing more (the Dapr sidecar's Kubernetes secret store)", async () => {
    const { objects } = await rendered(service, "cloud");
    const env = deploymentOf(objects).spec.template.spec.containers[0]!.env;
    const read = [
      ...new Set(env.flatMap((e) => (e.valueFrom ? [e.valueFrom.secretKeyRef.name] : []))),
    ].sort();
    const role = byKind(objects, "Role")[0] as unknown as {
      metadata: { name: string };
      rules: { resources: string[]; verbs: string[]; resourceNames: string[] }[];
    };
    expect(role.rules).toEqual([
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: read },
    ] as never);
    const binding = byKind(objects, "RoleBinding")[0] as unknown as {
      roleRef: { name: string };
      subjects: { name: string }[];
    };
    expect(binding.roleRef.name).toBe(role.metadata.name);
    expect(binding.subjects.map((s) => s.name)).toEqual([service]);
  });

  test("trusts no whole private range as a proxy: X-Forwarded-For is believed from the pod network only", async () => {
    const { objects } = await rendered(service, "cloud");
    const trusted =
      (
        deploymentOf(objects).spec.template.spec.containers[0]!.env as { name: string; value?: string }[]
      ).find((e) => e.name === "TRUSTED_PROXIES")?.value ?? "";
    for (const range of ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "0.0.0.0/0"])
      expect(trusted.split(",")).not.toContain(range);
  });

  test("limits kept in each pod's memory are split between the pods: the deployment as a whole allows about what values.yaml says", async () => {
    type Values = {
      perDeploymentEnv?: Record<string, number>;
      replicaCount?: number;
      autoscaling?: { enabled?: boolean; maxReplicas?: number };
    };
    const valuesOf = (file: string) =>
      Bun.YAML.parse(readFileSync(join(REPO_ROOT, "helm", service, file), "utf8")) as Values;
    const base = valuesOf("values.yaml");
    if (!base.perDeploymentEnv) return;
    const schema = await configSchemaOf(service);
    for (const env of ENVIRONMENTS) {
      const own = valuesOf(`values-${env}.yaml`);
      const autoscaling = { ...base.autoscaling, ...own.autoscaling };
      // With an autoscaler the most pods there can be, so the total never exceeds the figure.
      const pods = autoscaling.enabled
        ? autoscaling.maxReplicas!
        : (own.replicaCount ?? base.replicaCount ?? 1);
      const { objects } = await rendered(service, env);
      const set = deploymentOf(objects).spec.template.spec.containers[0]!.env as {
        name: string;
        value?: string;
      }[];
      for (const [name, total] of Object.entries(base.perDeploymentEnv)) {
        if (schema) expect(Object.keys(schema.properties)).toContain(name);
        expect({ env, name, value: set.find((e) => e.name === name)?.value }).toEqual({
          env,
          name,
          value: String(Math.ceil(total / pods)),
        });
      }
    }
  });

  test("the sidecar and the app read the app API token from one Secret, and no token value is in the chart", async () => {
    const { objects, text } = await rendered(service, "cloud");
    const deployment = deploymentOf(objects);
    const secret = deployment.spec.template.metadata.annotations["dapr.io/app-token-secret"];
    expect(secret).toBe("todo-dapr-app-token");
    const token = deployment.spec.template.spec.containers[0]!.env.find(
      (e) => e.name === "APP_API_TOKEN",
    ) as unknown as { value?: string; valueFrom: { secretKeyRef: { name: string; key: string } } };
    expect(token).toEqual({
      name: "APP_API_TOKEN",
      valueFrom: { secretKeyRef: { name: secret!, key: "token" } },
    } as never);
    expect(text).not.toMatch(/APP_API_TOKEN\s*\n\s*value:/);
  });

  test("refuses an image tagged latest, and a misspelt setting, before rendering anything", async () => {
    const latest = await templateChart(service, "cloud", ["--set", "image.tag=latest"]);
    expect(latest.ok).toBe(false);
    expect(latest.stderr).toContain("/image/tag");
    const typo = await templateChart(service, "cloud", ["--set", "replicas=3"]);
    expect(typo.ok).toBe(false);
    expect(typo.stderr).toContain("additional properties 'replicas' not allowed");
  });

  test("refuses a credential in plain values, and the policy catches one in rendered output", async () => {
    // Built at run time so that no file in the repository holds a credential-shaped string.
    const password = crypto.randomUUID().replaceAll("-", "");
    const url = `postgres://app:${password}@db.internal/app`;
    const refused = await templateChart(service, "cloud", ["--set-string", `env.DATABASE_URL=${url}`]);
    expect(refused.ok).toBe(false);
    expect(refused.stderr).toContain("invalid propertyName 'DATABASE_URL'");
    const { objects } = await rendered(service, "cloud");
    deploymentOf(objects).spec.template.spec.containers[0]!.env.push({
      name: "DATABASE_URL",
      value: url,
    } as never);
    const findings = checkRendered(objects, { daprApps: true });
    expect(findings.some((f) => f.includes("DATABASE_URL is a credential given as a plain value"))).toBe(
      true,
    );
    expect(findings.some((f) => f.includes("DATABASE_URL holds a URL with a password"))).toBe(true);
  });

  test("a deployment without the Dapr sidecar is caught by the policy", async () => {
    const { objects } = await renderChart(service, "local", ["--set", "dapr.enabled=false"]);
    expect(checkRendered(objects, { daprApps: true })).toContain(
      `Deployment/${service}: dapr.io/enabled is not "true"`,
    );
  });
});

describe("the checks themselves", () => {
  test("schema validation rejects a malformed object, a Dapr component with an unknown field, and an unknown kind", async () => {
    const { objects } = await rendered("backend", "local");
    const deployment = structuredClone(byKind(objects, "Deployment")[0]!) as unknown as Deployment;
    (deployment.spec.template.spec.containers[0]!.ports[0] as { containerPort: unknown }).containerPort =
      "http";
    const component = {
      apiVersion: "dapr.io/v1alpha1",
      kind: "Component",
      metadata: { name: "x" },
      spec: { type: "pubsub.kafka", version: "v1", metadata: [{ name: "brokers", valeu: "kafka:9092" }] },
    };
    const unknown = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } };
    const findings = await validateObjects([
      deployment as unknown as K8sObject,
      component as unknown as K8sObject,
      unknown,
    ]);
    expect(findings.some((f) => f.startsWith("Deployment/backend:") && f.includes("containerPort"))).toBe(
      true,
    );
    expect(findings.some((f) => f.startsWith("Component/x:"))).toBe(true);
    expect(findings).toContain("Widget/w: no schema known for example.com/v1");
  });

  test("the policy catches a container without probes or limits, running as root, on an untagged image", () => {
    const pod = { containers: [{ name: "c", image: "busybox", securityContext: {} }] };
    const findings = checkRendered(
      [
        {
          apiVersion: "apps/v1",
          kind: "StatefulSet",
          metadata: { name: "s" },
          spec: { template: { spec: pod } },
        },
      ],
      { daprApps: false },
    );
    for (const expected of [
      "image busybox has no tag",
      "no resources.limits.memory",
      "no readinessProbe",
      "no livenessProbe",
      "runAsNonRoot is not true",
      "capabilities do not drop ALL",
    ]) {
      expect(findings.some((f) => f.includes(expected))).toBe(true);
    }
  });
});

describe("the environments", () => {
  test("cloud: the backend runs 3 replicas at least and every service autoscales", async () => {
    for (const service of SERVICE_CHARTS) {
      const { objects } = await rendered(service, "cloud");
      const hpa = byKind(objects, "HorizontalPodAutoscaler")[0] as unknown as {
        spec: { minReplicas: number };
      };
      expect(hpa).toBeDefined();
      if (service === "backend") expect(hpa.spec.minReplicas).toBe(3);
      expect(deploymentOf(objects).spec.replicas).toBeUndefined(); // left to the HPA
    }
  });

  test("cloud: the site is served over HTTPS with a certificate from the platform's ClusterIssuer", async () => {
    const site = (await rendered("site", "cloud")).objects;
    const platform = (await rendered("platform", "cloud")).objects;
    const ingress = byKind(site, "Ingress")[0] as unknown as {
      metadata: { annotations: Record<string, string> };
      spec: { tls: { secretName: string; hosts: string[] }[]; rules: { host: string }[] };
    };
    const issuer = byKind(platform, "ClusterIssuer")[0]!;
    expect(ingress.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe(issuer.metadata.name);
    expect(ingress.spec.tls[0]!.hosts).toEqual([ingress.spec.rules[0]!.host]);
  });

  test("cloud: Kafka is the managed endpoint with SASL over TLS, the password from a Secret; nothing stateful runs in the cluster", async () => {
    const { objects } = await rendered("platform", "cloud");
    expect(byKind(objects, "StatefulSet")).toEqual([]);
    const pubsub = byKind(objects, "Component").find((c) => c.metadata.name === "pubsub-kafka")!;
    const meta = Object.fromEntries(
      (
        pubsub.spec as {
          metadata: { name: string; value?: string; secretKeyRef?: { name: string; key: string } }[];
        }
      ).metadata.map((m) => [m.name, m]),
    );
    expect(meta.authType).toEqual({ name: "authType", value: "password" });
    expect(meta.disableTls).toEqual({ name: "disableTls", value: "false" });
    expect(meta.saslPassword).toEqual({
      name: "saslPassword",
      secretKeyRef: { name: "todo-kafka", key: "sasl-password" },
    });
  });

  test("the platform refuses an unknown Kafka auth type and a Kafka image tagged latest", async () => {
    const auth = await templateChart("platform", "cloud", ["--set", "dapr.pubsub.authType=sasl"]);
    expect(auth.ok).toBe(false);
    expect(auth.stderr).toContain("/dapr/pubsub/authType");
    const latest = await templateChart("platform", "local", ["--set", "kafka.image=apache/kafka:latest"]);
    expect(latest.ok).toBe(false);
    expect(latest.stderr).toContain("/kafka/image");
  });

  test("local: Kafka (KRaft, no ZooKeeper) and PostgreSQL run as StatefulSets beside the three Dapr components", async () => {
    const { objects } = await rendered("platform", "local");
    expect(
      byKind(objects, "StatefulSet")
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual(["kafka", "postgres"]);
    expect(
      byKind(objects, "Component")
        .map((c) => c.metadata.name)
        .sort(),
    ).toEqual(["pubsub-kafka", "pubsub-kafka-broadcast", "secretstore-k8s", "statestore"]);
    expect(JSON.stringify(objects)).toContain("broker,controller");
  });

  test("each service's DAPR_PUBSUB_NAME is a component scoped to it; every site replica gets its own consumer group", async () => {
    const platform = (await rendered("platform", "cloud")).objects;
    const components = byKind(platform, "Component") as unknown as {
      metadata: { name: string };
      spec: { metadata: { name: string; value?: string }[] };
      scopes: string[];
    }[];
    for (const service of SERVICE_CHARTS) {
      const env = deploymentOf((await rendered(service, "cloud")).objects).spec.template.spec.containers[0]!
        .env as unknown as { name: string; value: string }[];
      const pubsub = components.find(
        (c) => c.metadata.name === env.find((e) => e.name === "DAPR_PUBSUB_NAME")!.value,
      )!;
      expect(pubsub.scopes).toContain(APP_IDS[service]!);
      const group = pubsub.spec.metadata.find((m) => m.name === "consumerGroup")!.value;
      expect(group).toBe(service === "site" ? "{podName}" : "{appID}");
    }
  });

  test("every Secret the charts read is one docs/deploy.md tells the operator to create (and, locally, local-secrets.sh creates)", async () => {
    const docs = readFileSync(join(REPO_ROOT, "docs", "deploy.md"), "utf8");
    const localSecrets = readFileSync(join(REPO_ROOT, "scripts", "deploy", "local-secrets.sh"), "utf8");
    for (const chart of CHARTS) {
      for (const env of ENVIRONMENTS) {
        const { text } = await rendered(chart, env);
        const names = [...text.matchAll(/secretKeyRef:\s*\n\s*name: "?([a-z0-9-]+)"?/g)].map((m) => m[1]!);
        for (const name of names)
          expect(docs.includes(name) ? name : `${chart}/${env}: ${name} not in docs/deploy.md`).toBe(name);
        for (const name of env === "local" ? names : [])
          expect(
            localSecrets.includes(name) ? name : `${name} not made by scripts/deploy/local-secrets.sh`,
          ).toBe(name);
      }
    }
  });
});
