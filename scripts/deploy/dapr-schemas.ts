// Dapr's Component and Subscription resources as TypeBox schemas, from their documented fields
// (docs.dapr.io: "Component spec" and "Declarative subscriptions", Dapr 1.18). No npm package
// models them, so these close the gap @kubernetes-models leaves.
import { Type, type TSchema } from "@sinclair/typebox";

const Name = Type.String({ pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 253 });
const ObjectMeta = Type.Object(
  {
    name: Name,
    namespace: Type.Optional(Name),
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);

/** One metadata entry: a plain value, or a reference to a secret (never both). */
const MetadataItem = Type.Union([
  Type.Object(
    {
      name: Type.String({ minLength: 1 }),
      value: Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      name: Type.String({ minLength: 1 }),
      secretKeyRef: Type.Object(
        { name: Type.String({ minLength: 1 }), key: Type.Optional(Type.String({ minLength: 1 })) },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
]);

const BUILDING_BLOCKS = [
  "bindings",
  "configuration",
  "conversation",
  "crypto",
  "lock",
  "middleware",
  "nameresolution",
  "pubsub",
  "secretstores",
  "state",
  "workflowbackend",
];

export const DaprComponentSchema = Type.Object(
  {
    apiVersion: Type.Literal("dapr.io/v1alpha1"),
    kind: Type.Literal("Component"),
    metadata: ObjectMeta,
    spec: Type.Object(
      {
        type: Type.String({ pattern: `^(${BUILDING_BLOCKS.join("|")})\\.[a-z0-9][a-z0-9.-]*$` }),
        version: Type.String({ pattern: "^v[0-9]+$" }),
        ignoreErrors: Type.Optional(Type.Boolean()),
        initTimeout: Type.Optional(Type.String()),
        metadata: Type.Optional(Type.Array(MetadataItem)),
      },
      { additionalProperties: false },
    ),
    auth: Type.Optional(
      Type.Object({ secretStore: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    ),
    scopes: Type.Optional(Type.Array(Name)),
  },
  { additionalProperties: false },
);

const Rule = Type.Object({ match: Type.String(), path: Type.String() }, { additionalProperties: false });
export const DaprSubscriptionSchema = Type.Object(
  {
    apiVersion: Type.Literal("dapr.io/v2alpha1"),
    kind: Type.Literal("Subscription"),
    metadata: ObjectMeta,
    spec: Type.Object(
      {
        pubsubname: Type.String({ minLength: 1 }),
        topic: Type.String({ minLength: 1 }),
        routes: Type.Object(
          { default: Type.Optional(Type.String()), rules: Type.Optional(Type.Array(Rule)) },
          { additionalProperties: false },
        ),
        metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
        deadLetterTopic: Type.Optional(Type.String()),
        bulkSubscribe: Type.Optional(
          Type.Object(
            {
              enabled: Type.Boolean(),
              maxMessagesCount: Type.Optional(Type.Integer()),
              maxAwaitDurationMs: Type.Optional(Type.Integer()),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    scopes: Type.Optional(Type.Array(Name)),
  },
  { additionalProperties: false },
);

export const DAPR_SCHEMAS: Record<string, TSchema> = {
  "dapr.io/v1alpha1/Component": DaprComponentSchema,
  "dapr.io/v2alpha1/Subscription": DaprSubscriptionSchema,
};
