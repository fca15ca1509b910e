import { resolve } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { ConfigError, loadConfigFrom } from "@todo/outbox/runtime";

/** Every setting the recurring service reads, with its default and a note; read once, in main.ts. */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ default: 8001, minimum: 0, maximum: 65535, description: "HTTP port of the recurring service (0 picks a free one)" }),
  HOST: Type.String({ default: "0.0.0.0", description: "address to listen on" }),
  DATA_DIR: Type.String({ default: "./.data", description: "where embedded data lives (the service's own under DATA_DIR/recurring)" }),
  MAX_BODY_BYTES: Type.Integer({ default: 64 * 1024, minimum: 1024, description: "largest accepted request body (413 above)" }),
  NODE_ENV: Type.String({ default: "development", description: "production or development" }),
});
export type Config = Static<typeof ConfigSchema>;

export { ConfigError };

/** Reads, converts and checks the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfigFrom(ConfigSchema, env);
  return { ...config, DATA_DIR: resolve(config.DATA_DIR) };
}
