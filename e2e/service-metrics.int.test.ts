// Each service's /metrics shows the size of its own tables (outbox, inbox and its own), and only
// those: the three services in one process on one embedded database, a schema each, as `npm start` runs them.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryTransport, type Transport } from "@todo/messaging";
import { openSharedPglite, type SharedPglite } from "@todo/messaging/db";
import { startInProcessBackend } from "../scripts/testing/in-process-backend.ts";
import { loadConfig as loadNotifierConfig } from "../services/notifier/src/config.ts";
import { startNotifier } from "../services/notifier/src/main.ts";
import { loadConfig as loadRecurringConfig } from "../services/recurring/src/config.ts";
import { startRecurring } from "../services/recurring/src/main.ts";

const AUTH_SECRET = crypto.randomUUID() + crypto.randomUUID();
let dataDir: string;
let transport: Transport;
let pglite: SharedPglite;
const services: { name: string; url: string; stop(): Promise<void> }[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "service-metrics-"));
  transport = createMemoryTransport();
  pglite = await openSharedPglite(undefined);
  const shared = { transport, pglite };
  const env = { DATA_DIR: dataDir, AUTH_SECRET, PORT: "0" };
  const backend = await startInProcessBackend(env, shared);
  const recurring = await startRecurring(loadRecurringConfig(env), shared);
  const notifier = await startNotifier(loadNotifierConfig({ ...env, BACKEND_URL: backend.url }), shared);
  services.push(
    { name: "backend", ...backend },
    { name: "recurring", ...recurring },
    { name: "notifier", ...notifier },
  );
}, 60_000);

afterAll(async () => {
  for (const service of services.reverse()) await service.stop();
  await transport?.close();
  await pglite?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const tablesIn = (text: string, name: string) =>
  new Map(
    [...text.matchAll(new RegExp(`^${name}\\{table="([a-z_]+)"\\} (\\S+)$`, "gm"))].map((m) => [
      m[1]!,
      Number(m[2]),
    ]),
  );

test("each service's /metrics shows rows and bytes for its outbox, inbox and own tables, not another's", async () => {
  const own = {
    backend: ["tasks", "users", "series"],
    recurring: ["jobs", "recurrences"],
    notifier: ["notifications", "task_projection"],
  } as Record<string, string[]>;
  for (const service of services) {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    const rows = tablesIn(text, "db_table_rows_estimate");
    const bytes = tablesIn(text, "db_table_bytes");
    for (const table of ["outbox", "inbox", ...own[service.name]!]) {
      expect({ service: service.name, table, rows: (rows.get(table) ?? -1) >= 0 }).toEqual({
        service: service.name,
        table,
        rows: true,
      });
      expect({ service: service.name, table, bytes: (bytes.get(table) ?? 0) > 0 }).toEqual({
        service: service.name,
        table,
        bytes: true,
      });
    }
    const others = Object.entries(own).flatMap(([name, tables]) => (name === service.name ? [] : tables));
    expect({ service: service.name, foreign: others.filter((t) => bytes.has(t)) }).toEqual({
      service: service.name,
      foreign: [],
    });
  }
});
