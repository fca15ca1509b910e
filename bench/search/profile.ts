// Profiles the backend's request path alone: seeds bench/search's corpus on PGlite, then sends
// issue 19's query mix to the app in process (`app.handle`, no sockets, no client), so a CPU
// profile shows the framework, auth, validation and mapping next to the queries.
// Usage: bun --cpu-prof-md --cpu-prof-dir /tmp/prof bench/search/profile.ts [--tasks 10000] [--requests 2000]
import { analyzeStaleTables, openDatabase } from "@todo/messaging/db";
import { createApp } from "../../services/backend/src/app.ts";
import { MIGRATIONS } from "../../services/backend/src/main.ts";
import { arg } from "../lib/args.ts";
import { inProcessBackendDeps } from "../lib/in-process-backend.ts";
import { QUERY_KINDS } from "./queries.ts";
import { seedCorpus } from "./seed.ts";

const tasks = Number(arg("tasks", "10000"));
const requests = Number(arg("requests", "2000"));

const database = await openDatabase({ driver: "pglite", migrationsFolder: MIGRATIONS, poolSize: 10 });
const userId = crypto.randomUUID();
await seedCorpus(database, userId, tasks);
await analyzeStaleTables(database.db);
const deps = inProcessBackendDeps(database);
const app = createApp(deps);
const headers = { authorization: `Bearer ${await deps.tokens.issue(userId)}` };
const urls = QUERY_KINDS.map((kind) => `http://localhost/api/tasks?${kind.query}`);
const send = async (url: string) => {
  const response = await app.handle(new Request(url, { headers }));
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
};
for (const url of urls) await send(url); // warm-up
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < requests; i++) await send(urls[i % urls.length]!);
const cpu = process.cpuUsage(cpu0);
console.log(
  `${requests} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1000 / requests).toFixed(3)} ms per request`,
);
await database.close();
