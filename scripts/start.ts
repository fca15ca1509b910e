// `npm start`: runs every service in one process on embedded defaults (one PGlite database under
// DATA_DIR/db, default ./.data, a schema per service, and one in-process event log), prints where each one
// listens, and stops them all cleanly on Ctrl-C.
// Ports: SITE_PORT (3000), BACKEND_PORT (8000), RECURRING_PORT (8001), NOTIFIER_PORT (8002); 0 picks
// a free one. The site is built first when its sources changed (site/build/build-site.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createTransport, TransportConfigSchema, type Transport } from "@todo/messaging";
import { openSharedPglite, type SharedPglite } from "@todo/messaging/db";
import { ConfigError, loadConfigFrom, offsetClock } from "@todo/service-kit";
import { freePort } from "./infra/free-port.ts";
import { loadConfig as loadBackendConfig } from "../services/backend/src/config.ts";
import { startBackend } from "../services/backend/src/main.ts";
import { loadConfig as loadNotifierConfig } from "../services/notifier/src/config.ts";
import { loadConfig as loadRecurringConfig } from "../services/recurring/src/config.ts";
import { startRecurring } from "../services/recurring/src/main.ts";
import { startNotifier } from "../services/notifier/src/main.ts";
import { ensureSiteBuilt, isBuilt } from "../site/build/build-site.ts";
import { loadConfig as loadSiteConfig } from "../site/src/config.ts";
import { startSite } from "../site/src/main.ts";

const env: Record<string, string | undefined> = { DATA_DIR: "./.data", ...process.env };
const portOf = (name: string, fallback: number) => env[`${name}_PORT`] ?? String(fallback);
const running: { name: string; stop(): Promise<void> }[] = [];
let transport: Transport | undefined;
let pglite: SharedPglite | undefined;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs one start step between two progress lines, so a first start that takes a minute is never silent. */
async function step<T>(name: string, what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  console.log(`start: ${name}: ${what}…`);
  const result = await run();
  console.log(`start: ${name} ready in ${seconds(started)}`);
  return result;
}

async function stopAll(code: number, reason?: string): Promise<never> {
  const started = performance.now();
  const stopping = running.reverse();
  const names = stopping.map((service) => service.name);
  for (const service of stopping) {
    await service.stop().catch((error) => console.error(`stopping ${service.name} failed:`, error));
  }
  await transport?.close();
  await pglite?.close();
  if (reason)
    console.log(
      `start: ${reason}: stopped ${names.join(", ") || "nothing"} in ${seconds(started)}; data kept in ${env.DATA_DIR}`,
    );
  process.exit(code);
}

try {
  if (!isBuilt())
    await step("page", "building the site with Astro (first start, or its sources changed; 20-60 s)", () =>
      ensureSiteBuilt(),
    );
  const started = performance.now();
  // One process, one transport: with EVENT_TRANSPORT=memory (the default) every service shares
  // the in-process log under DATA_DIR/events; with kafka or dapr each gets its own client.
  const transportConfig = loadConfigFrom(TransportConfigSchema, env);
  if (transportConfig.EVENT_TRANSPORT === "memory")
    transport = await createTransport(transportConfig, "embedded", join(env.DATA_DIR!, "events"));
  // TEST_CLOCK=1: one movable clock for all services, moved through any service's /test/clock.
  const testClock = env.TEST_CLOCK === "1" || env.TEST_CLOCK === "true" ? offsetClock() : undefined;
  // One PGlite for all services, each in its own schema (a PGlite instance costs 180–330 MB),
  // unless DATA_DIR holds an earlier version's database per service: those stay in use.
  const perService = existsSync(join(env.DATA_DIR!, "backend")) && !existsSync(join(env.DATA_DIR!, "db"));
  if (perService)
    console.log(
      `${env.DATA_DIR} holds one database per service (an earlier layout); using them as they are. Start with an empty DATA_DIR for the one shared database, which needs less memory.`,
    );
  else if (!env.DATABASE_URL)
    pglite = await step("database", `opening the embedded database under ${join(env.DATA_DIR!, "db")}`, () =>
      openSharedPglite(join(env.DATA_DIR!, "db"), env.PGLITE_TEMPLATE),
    );
  const shared = { transport, testClock, pglite };
  const database = env.DATABASE_URL ? "its database" : "its schema";
  // The notifier asks the backend about sessions and the backend forwards to the notifier: the
  // backend's port is fixed first (a free one for 0) so the notifier can be told it.
  const backendPort = portOf("BACKEND", 8000) === "0" ? String(await freePort()) : portOf("BACKEND", 8000);
  const notifier = await step("notifier", `opening ${database}, applying migrations`, () =>
    startNotifier(
      loadNotifierConfig({
        ...env,
        PORT: portOf("NOTIFIER", 8002),
        BACKEND_URL: `http://localhost:${backendPort}`,
      }),
      shared,
    ),
  );
  running.push({ name: "notifier", ...notifier });
  const recurring = await step("recurring", `opening ${database}, loading schedules`, () =>
    startRecurring(loadRecurringConfig({ ...env, PORT: portOf("RECURRING", 8001) }), shared),
  );
  running.push({ name: "recurring", ...recurring });
  const backend = await step("backend", `opening ${database}, applying migrations`, () =>
    startBackend(
      loadBackendConfig({
        TRUSTED_PROXIES: "127.0.0.1,::1",
        ...env,
        PORT: backendPort,
        NOTIFIER_URL: notifier.url,
      }),
      shared,
    ),
  );
  running.push({ name: "backend", ...backend });
  const site = await step("site", "serving the page and the live event stream", () =>
    startSite(
      loadSiteConfig({
        ...env,
        PORT: portOf("SITE", 3000),
        BACKEND_URL: backend.url,
        NOTIFIER_URL: notifier.url,
        RECURRING_URL: recurring.url,
      }),
      shared,
    ),
  );
  running.push({ name: "site", ...site });
  console.log(
    `\nChat todo is running (data in ${env.DATA_DIR}, events: ${transportConfig.EVENT_TRANSPORT}, ready in ${Math.round(performance.now() - started)} ms):`,
  );
  console.log(`  site       ${site.url}   open this in a browser: chat, tasks, notifications`);
  console.log(`  backend    ${backend.url}   API; OpenAPI at /openapi`);
  console.log(`  recurring  ${recurring.url}   schedules; POST /v1/recurrences/preview`);
  console.log(
    `  notifier   ${notifier.url}   notifications (the site's /api/notifications; API.md's path on the backend too)`,
  );
  console.log("Each answers /healthz, /readyz and /metrics. Press Ctrl-C to stop.");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  await stopAll(1);
}

process.on("SIGINT", () => void stopAll(0, "Ctrl-C"));
process.on("SIGTERM", () => void stopAll(0, "SIGTERM"));
