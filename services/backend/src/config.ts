import { resolve } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { DatabaseConfigSchema } from "@todo/outbox/db";
import { TransportConfigSchema } from "@todo/outbox";
import { ConfigError, loadConfigFrom, resolveAuthSecret } from "@todo/outbox/runtime";

/** Every setting the backend reads, with its default and a note; read once, in main.ts. */
export const ConfigSchema = Type.Composite([
  DatabaseConfigSchema,
  TransportConfigSchema,
  Type.Object({
    PORT: Type.Integer({ default: 8000, minimum: 0, maximum: 65535, description: "HTTP port of the backend API" }),
    HOST: Type.String({ default: "0.0.0.0", description: "address to listen on" }),
    DATA_DIR: Type.String({ default: "./.data", description: "where embedded data lives (PGlite under DATA_DIR/backend, the dev auth secret)" }),
    AUTH_SECRET: Type.Optional(Type.String({ minLength: 32, description: "HMAC secret for session tokens; unset in dev: generated once into DATA_DIR/auth-secret" })),
    TOKEN_TTL_SECONDS: Type.Integer({ default: 7 * 24 * 3600, minimum: 60, description: "lifetime of a session token" }),
    MAX_BODY_BYTES: Type.Integer({ default: 64 * 1024, minimum: 1024, description: "largest accepted request body (413 above)" }),
    LOGIN_ATTEMPTS_PER_MINUTE: Type.Integer({ default: 10, minimum: 1, description: "failed-or-not login attempts per email and address per minute (429 above)" }),
    NODE_ENV: Type.String({ default: "development", description: "production refuses the dev conveniences (generated secret)" }),
  }),
]);
export type Config = Static<typeof ConfigSchema> & { authSecret: string };

export { ConfigError };

/** Reads, converts and checks the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfigFrom(ConfigSchema, env);
  return { ...config, DATA_DIR: resolve(config.DATA_DIR), authSecret: resolveAuthSecret(config) };
}
