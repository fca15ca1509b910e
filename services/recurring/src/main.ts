import { systemClock, type Clock } from "@todo/outbox/runtime";
import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";
import type { Deps } from "./deps.ts";

/** Builds the collaborators the configuration asks for; tests pass their own clock. */
export function buildDeps(config: Config, clock: Clock = systemClock): Deps {
  return { clock, limits: { maxBodyBytes: config.MAX_BODY_BYTES } };
}

/** Starts the recurring service; returns its URL and a function that stops it. */
export async function startRecurring(config: Config): Promise<{ url: string; stop(): Promise<void> }> {
  const deps = buildDeps(config);
  const app = createApp(deps).listen({ port: config.PORT, hostname: config.HOST, maxRequestBodySize: config.MAX_BODY_BYTES });
  return {
    url: `http://localhost:${app.server?.port}`,
    async stop() {
      await app.stop();
    },
  };
}

if (import.meta.main) {
  const recurring = await startRecurring(loadConfig(process.env));
  console.log(`recurring listening on ${recurring.url}`);
  const shutdown = async () => {
    await recurring.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
