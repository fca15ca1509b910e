// `npm start`: runs every service on one machine with embedded defaults (PGlite under DATA_DIR,
// default ./.data), prints where each one listens, and stops them all cleanly on Ctrl-C.
import { loadConfig as loadBackendConfig, ConfigError } from "../services/backend/src/config.ts";
import { startBackend } from "../services/backend/src/main.ts";

const env = { DATA_DIR: "./.data", ...process.env };
const running: { name: string; stop(): Promise<void> }[] = [];

async function stopAll(code: number): Promise<never> {
  for (const service of running.reverse()) {
    await service.stop().catch((error) => console.error(`stopping ${service.name} failed:`, error));
  }
  process.exit(code);
}

try {
  const started = performance.now();
  const backend = await startBackend(loadBackendConfig(env));
  running.push({ name: "backend", ...backend });
  console.log(`\nChat todo is running (data in ${env.DATA_DIR}, ready in ${Math.round(performance.now() - started)} ms):`);
  console.log(`  backend   ${backend.url}   (API, OpenAPI at ${backend.url}/openapi)`);
  console.log("Press Ctrl-C to stop.");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  await stopAll(1);
}

process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
