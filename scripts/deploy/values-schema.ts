// The values a service chart accepts, as one TypeBox schema written to each service chart's
// values.schema.json: helm lint/template/install then refuse a typo (replicas: for replicaCount),
// an image tagged latest, or a credential-named plain setting before anything reaches a cluster.
//   node_modules/.bin/bun scripts/deploy/values-schema.ts   (rewrites the four files)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Type } from "@sinclair/typebox";
import { CHARTS, HELM_DIR } from "./charts.ts";
import { CREDENTIAL_NAME } from "./render-policy.ts";

const Quantity = Type.Union([Type.String({ minLength: 1 }), Type.Number()]);
const Resources = Type.Object({ cpu: Quantity, memory: Quantity }, { additionalProperties: false });
const Strict = { additionalProperties: false } as const;

export const ServiceValuesSchema = Type.Object(
  {
    nameOverride: Type.Optional(Type.String()),
    image: Type.Object(
      {
        repository: Type.String({ pattern: "^[a-z0-9][a-z0-9._/-]*$" }),
        tag: Type.String({
          pattern: "^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$",
          not: { const: "latest" },
          description: "a version or a commit; empty means the chart's appVersion; never latest",
        }),
        pullPolicy: Type.Union([Type.Literal("Always"), Type.Literal("IfNotPresent"), Type.Literal("Never")]),
      },
      Strict,
    ),
    imagePullSecrets: Type.Array(Type.Object({ name: Type.String({ minLength: 1 }) }, Strict)),
    replicaCount: Type.Integer({ minimum: 1 }),
    containerPort: Type.Integer({ minimum: 1, maximum: 65535 }),
    env: Type.Record(
      Type.String({ pattern: "^[A-Z_][A-Z0-9_]*$" }),
      Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
      {
        // the names render-policy.ts treats as credentials: those belong in secretEnv
        propertyNames: { not: { pattern: CREDENTIAL_NAME.source } },
        description: "plain settings; a credential goes in secretEnv",
      },
    ),
    perDeploymentEnv: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Z_][A-Z0-9_]*$" }), Type.Integer({ minimum: 1 }), {
        description:
          "limits for the whole deployment that each pod counts in its own memory: each pod gets its share, total / pods rounded up (pods: autoscaling.maxReplicas when on, else replicaCount)",
      }),
    ),
    secretEnv: Type.Record(
      Type.String({ pattern: "^[A-Z_][A-Z0-9_]*$" }),
      Type.Object({ secret: Type.String({ minLength: 1 }), key: Type.String({ minLength: 1 }) }, Strict),
    ),
    dapr: Type.Object(
      {
        enabled: Type.Boolean(),
        appId: Type.String({ pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" }),
        appTokenSecret: Type.String({
          minLength: 1,
          description: "Secret (key token) holding the sidecar's app API token, read by daprd and the app",
        }),
        logLevel: Type.Union(["debug", "info", "warn", "error"].map((l) => Type.Literal(l))),
        gracefulShutdownSeconds: Type.Integer({ minimum: 0 }),
        sidecar: Type.Object(
          {
            cpuRequest: Type.String(),
            memoryRequest: Type.String(),
            cpuLimit: Type.String(),
            memoryLimit: Type.String(),
          },
          Strict,
        ),
      },
      Strict,
    ),
    resources: Type.Object({ requests: Resources, limits: Resources }, Strict),
    securityContext: Type.Object({ runAsUser: Type.Integer({ minimum: 1 }) }, Strict),
    terminationGracePeriodSeconds: Type.Integer({ minimum: 1 }),
    tmpSizeLimit: Type.String(),
    podDisruptionBudget: Type.Object(
      { enabled: Type.Boolean(), maxUnavailable: Type.Union([Type.Integer({ minimum: 1 }), Type.String()]) },
      Strict,
    ),
    autoscaling: Type.Object(
      {
        enabled: Type.Boolean(),
        minReplicas: Type.Integer({ minimum: 1 }),
        maxReplicas: Type.Integer({ minimum: 1 }),
        targetCPUUtilizationPercentage: Type.Integer({ minimum: 1, maximum: 100 }),
      },
      Strict,
    ),
    ingress: Type.Object(
      {
        enabled: Type.Boolean(),
        className: Type.String(),
        host: Type.String(),
        paths: Type.Array(Type.String({ pattern: "^/" })),
        tls: Type.Boolean(),
        clusterIssuer: Type.String(),
        annotations: Type.Record(Type.String(), Type.String()),
      },
      Strict,
    ),
    // Helm adds these itself: the library chart's (empty) values and globals.
    "todo-lib": Type.Optional(Type.Object({})),
    global: Type.Optional(Type.Object({})),
  },
  Strict,
);

const SecretRef = Type.Object(
  { name: Type.String({ minLength: 1 }), key: Type.String({ minLength: 1 }) },
  Strict,
);
const Scopes = Type.Array(Type.String({ pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" }), { minItems: 1 });
const Stateful = {
  enabled: Type.Boolean(),
  image: Type.String({
    pattern: "^[a-z0-9][a-z0-9._/-]*:(?:[A-Za-z0-9_][A-Za-z0-9_.-]*)$",
    not: { pattern: ":latest$" },
  }),
  storage: Type.String(),
  resources: Type.Object({ requests: Resources, limits: Resources }, Strict),
};

/** The platform chart's values: the Dapr components, local Kafka and PostgreSQL, the ClusterIssuer. */
export const PlatformValuesSchema = Type.Object(
  {
    dapr: Type.Object(
      {
        pubsub: Type.Object(
          {
            name: Type.String({ minLength: 1 }),
            brokers: Type.String({ minLength: 1 }),
            authType: Type.Union([Type.Literal("none"), Type.Literal("password")]),
            saslUsername: Type.String(),
            saslMechanism: Type.Union([
              Type.Literal("PLAINTEXT"),
              Type.Literal("SHA-256"),
              Type.Literal("SHA-512"),
            ]),
            saslPasswordSecret: SecretRef,
            disableTls: Type.Boolean(),
            scopes: Scopes,
          },
          Strict,
        ),
        broadcastPubsub: Type.Object({ name: Type.String({ minLength: 1 }), scopes: Scopes }, Strict),
        statestore: Type.Object(
          { name: Type.String({ minLength: 1 }), connectionSecret: SecretRef, scopes: Scopes },
          Strict,
        ),
        secretstore: Type.Object({ name: Type.String({ minLength: 1 }) }, Strict),
      },
      Strict,
    ),
    kafka: Type.Object({ ...Stateful, partitions: Type.Integer({ minimum: 1 }) }, Strict),
    postgres: Type.Object(
      {
        ...Stateful,
        passwordSecret: SecretRef,
        databases: Type.Array(Type.String({ pattern: "^[a-z_][a-z0-9_]*$" })),
      },
      Strict,
    ),
    clusterIssuer: Type.Object(
      {
        enabled: Type.Boolean(),
        name: Type.String({ minLength: 1 }),
        email: Type.String(),
        server: Type.String({ pattern: "^https://" }),
        ingressClassName: Type.String(),
        caBundlePem: Type.Optional(
          Type.String({
            description:
              "PEM of the CA that signed the ACME server's own HTTPS certificate, when it is not publicly trusted (a local Pebble); empty for Let's Encrypt.",
          }),
        ),
      },
      Strict,
    ),
    global: Type.Optional(Type.Object({})),
  },
  Strict,
);

/** The text of a chart's values.schema.json, as committed. */
export function valuesSchemaJson(chart: string): string {
  const schema = chart === "platform" ? PlatformValuesSchema : ServiceValuesSchema;
  return `${JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", ...schema }, null, 2)}\n`;
}

if (import.meta.main) {
  for (const chart of CHARTS)
    writeFileSync(join(HELM_DIR, chart, "values.schema.json"), valuesSchemaJson(chart));
}
