import { resolve } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { TransportConfigSchema } from "@todo/messaging";
import { DatabaseConfigSchema } from "@todo/messaging/db";
import {
  checkAppToken,
  checkTestClock,
  ConfigError,
  loadConfigFrom,
  serviceConfigSchema,
} from "@todo/service-kit";

/** Every setting the recurring service reads, with its default and a note; read once, in main.ts. */
export const ConfigSchema = Type.Composite([
  DatabaseConfigSchema,
  TransportConfigSchema,
  serviceConfigSchema(8001),
  Type.Object({
    SCHEDULER: Type.Union([Type.Literal("embedded"), Type.Literal("dapr")], {
      default: "embedded",
      description: "embedded: a durable scheduler on the service's own database; dapr: the Dapr Jobs API",
    }),
    REMINDER_GRACE_SECONDS: Type.Integer({
      default: 900,
      minimum: 0,
      description: "how late a fire (after downtime) is still delivered; later ones are recorded as missed",
    }),
    MAX_CATCH_UP: Type.Integer({
      default: 50,
      minimum: 1,
      description: "missed occurrences of one series published after an outage before it jumps ahead",
    }),
  }),
]);
export type Config = Static<typeof ConfigSchema>;

export { ConfigError };

/** Reads, converts and checks the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfigFrom(ConfigSchema, env);
  checkTestClock(config);
  checkAppToken(config);
  return { ...config, DATA_DIR: resolve(config.DATA_DIR) };
}
