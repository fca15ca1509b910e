import { resolve } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { DatabaseConfigSchema } from "@todo/outbox/db";
import { TransportConfigSchema } from "@todo/outbox";
import { ConfigError, checkTestClock, loadConfigFrom, resolveAuthSecret, serviceConfigSchema } from "@todo/outbox/runtime";

/** Every setting the backend reads, with its default and a note; read once, in main.ts. */
export const ConfigSchema = Type.Composite([
  DatabaseConfigSchema,
  TransportConfigSchema,
  serviceConfigSchema(8000),
  Type.Object({
    TOKEN_TTL_SECONDS: Type.Integer({ default: 7 * 24 * 3600, minimum: 60, description: "lifetime of a session token" }),
    NOTIFIER_URL: Type.String({ default: "http://127.0.0.1:8002", description: "where /api/notifications is forwarded (the notifier service)" }),
    LOGIN_ATTEMPTS_PER_MINUTE: Type.Integer({ default: 10, minimum: 1, description: "failed-or-not login attempts per email and address per minute (429 above)" }),
  }),
]);
export type Config = Static<typeof ConfigSchema> & { authSecret: string };

export { ConfigError };

/** Reads, converts and checks the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfigFrom(ConfigSchema, env);
  checkTestClock(config);
  return { ...config, DATA_DIR: resolve(config.DATA_DIR), authSecret: resolveAuthSecret(config) };
}
