import { Type } from "@sinclair/typebox";
import { DEFAULT_MAX_CALLBACK_BYTES } from "./body-guard.ts";

/** The settings every service has, with its own default port. */
export const serviceConfigSchema = (defaultPort: number) =>
  Type.Object({
    PORT: Type.Integer({ default: defaultPort, minimum: 0, maximum: 65535, description: "HTTP port" }),
    HOST: Type.String({ default: "0.0.0.0", description: "address to listen on" }),
    DATA_DIR: Type.String({
      default: "./.data",
      description:
        "embedded data: PGlite under DATA_DIR/<service>, the in-process event log, the dev auth secret",
    }),
    MAX_BODY_BYTES: Type.Integer({
      default: 64 * 1024,
      minimum: 1024,
      description: "largest accepted request body (413 above)",
    }),
    MAX_CALLBACK_BYTES: Type.Integer({
      default: DEFAULT_MAX_CALLBACK_BYTES,
      minimum: 1024,
      maximum: 32 * 1024 * 1024,
      description: "largest body a Dapr sidecar may send to /dapr/* and /job/* (413 above)",
    }),
    AUTH_SECRET: Type.Optional(
      Type.String({
        minLength: 32,
        description: "HMAC secret for session tokens; unset in dev: generated once into DATA_DIR/auth-secret",
      }),
    ),
    APP_API_TOKEN: Type.Optional(
      Type.String({
        minLength: 16,
        description:
          "the Dapr sidecar's app API token: calls to /dapr/* and /job/* must carry it in the dapr-api-token header; required in production with Dapr",
      }),
    ),
    NODE_ENV: Type.String({
      default: "development",
      description: "production refuses the dev conveniences (generated secret, test clock)",
    }),
    TEST_CLOCK: Type.Boolean({
      default: false,
      description: "1: mount POST /test/clock to move the service's clock (end-to-end tests only)",
    }),
    OPENAPI_ENABLED: Type.Optional(
      Type.Boolean({
        description: "serve the OpenAPI document at /openapi/json; default: on, off when NODE_ENV=production",
      }),
    ),
  });

/** Whether a service serves its OpenAPI document: on in development, off in production unless asked for. */
export const openapiEnabled = (config: { OPENAPI_ENABLED?: boolean; NODE_ENV: string }) =>
  config.OPENAPI_ENABLED ?? config.NODE_ENV !== "production";
