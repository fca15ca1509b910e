import { resolve } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { TransportConfigSchema } from "@todo/messaging";
import { DatabaseConfigSchema } from "@todo/messaging/db";
import {
  checkAppToken,
  checkTestClock,
  loadConfigFrom,
  resolveAuthSecret,
  serviceConfigSchema,
} from "@todo/service-kit";

/** Every setting the notifier reads; read once, in main.ts. */
const NotifierSettings = Type.Object({
  BACKEND_URL: Type.String({
    default: "http://127.0.0.1:8000",
    description: "the backend, asked (GET /api/me) whether a request's session was signed out",
  }),
});

export const ConfigSchema = Type.Composite([
  DatabaseConfigSchema,
  TransportConfigSchema,
  serviceConfigSchema(8002),
  NotifierSettings,
]);
export type Config = Static<typeof ConfigSchema> & { authSecret: string };

export function loadConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfigFrom(ConfigSchema, env);
  checkTestClock(config);
  checkAppToken(config);
  return { ...config, DATA_DIR: resolve(config.DATA_DIR), authSecret: resolveAuthSecret(config) };
}
