// `npm start`: runs every service on one machine with embedded defaults (PGlite under DATA_DIR,
// default ./.data), prints where each one listens, and stops them all cleanly on Ctrl-C.
import { loadConfig as loadBackendConfig, ConfigError } from "../services/backend/src/config.ts";
import { startBackend } from "../services/backend/src/main.ts";
import { createTransport, TransportConfigSchema, type Transport } from "@todo/outbox";
import { loadConfigFrom } from "@todo/outbox/runtime";
import { join } from "node:path";

const env = { DATA_DIR: "./.data", ...process.env };
const running: { name: string; stop(): Promise<void> }[] = [];
let transport: Transport | undefined;

async function stopAll(code: number): Promise<never> {
  for (const service of running.reverse()) {
    await service.stop().catch((error) => console.error(`stopping ${service.name} failed:`, error));
  }
  await transport?.close();
  process.exit(code);
}

try {
  const started = performance.now();
  // One process, one transport: with EVENT_TRANSPORT=memory (the default) every service shares
  // the in-process log under DATA_DIR/events; with kafka or dapr each gets its own client.
  const transportConfig = loadConfigFrom(TransportConfigSchema, env);
  if (transportConfig.EVENT_TRANSPORT === "memory") transport = await createTransport(transportConfig, "embedded", join(env.DATA_DIR, "events"));
  const backend = await startBackend(loadBackendConfig(env), { transport });
  running.push({ name: "backend", ...backend });
  console.log(`\nChat todo is running (data in ${env.DATA_DIR}, ready in ${Math.round(performance.now() - started)} ms):`);
  console.log(`  backend   ${backend.url}   (API, OpenAPI at ${backend.url}/openapi, metrics at ${backend.url}/metrics)`);
  console.log(`  events    ${transportConfig.EVENT_TRANSPORT}`);
  console.log("Press Ctrl-C to stop.");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  await stopAll(1);
}

process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
