// bench/chat: p50/p95 of one chat turn (POST /api/chat) with the rules interpreter, through HTTP
// against the real backend in this process (Bun.serve + PGlite, as bench/search), including the
// task-service writes and their outbox rows. Users talk one after another, one message at a
// time, with a realistic mix: plain and detailed adds, recurring adds, reminders, lists and
// searches, completes, renames, priority changes, cancelling a series, deletes.
// Target: p95 under 30 ms. Usage: bun bench/chat/run.ts [--users 20] [--rounds 8] [--out bench/results/chat.md]
import { openDatabase } from "@todo/messaging/db";
import { createApp } from "../../services/backend/src/app.ts";
import { MIGRATIONS } from "../../services/backend/src/main.ts";
import { markdownTable, percentile, printTable } from "../lib/stats.ts";
import { arg } from "../lib/args.ts";
import { inProcessBackendDeps } from "../lib/in-process-backend.ts";

const users = Number(arg("users", "20"));
const rounds = Number(arg("rounds", "8"));
const out = arg("out", "");

const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"];

// Titles get a word of letters per round ("call mom qd"), so that each round names its own tasks
// and a digit is never read as a time.
const code = (n: number) =>
  `q${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + (Math.floor(n / 26) % 26))}`;

/** One round of a user's conversation: [kind, message, what the reply must not say]. */
function round(k: string): [string, string][] {
  return [
    ["add", `add call mom ${k}`],
    ["add detailed", `Add a high-priority task: buy flight tickets ${k}, tags: travel, urgent`],
    ["add with due date", `add renew passport ${k} due next Friday`],
    ["add recurring", `Every Friday at 2 PM remind me to submit the report ${k}`],
    ["add recurring", `every weekday at 8:30 check email ${k}`],
    ["reminder on a task", `Remind me about call mom ${k} tomorrow at 9 AM`],
    ["reminder new task", `remind me in 2 hours to stretch ${k}`],
    ["list", "Show me all high-priority tasks"],
    ["list", "Show me high-priority incomplete travel tasks due this week"],
    ["search", `find tasks about report ${k}`],
    ["complete", `Mark call mom ${k} as done`],
    ["rename", `rename buy flight tickets ${k} to book flights ${k}`],
    ["priority", `Change the priority of book flights ${k} to low`],
    ["tags", `Add the tag expense to book flights ${k}`],
    ["cancel series", `Stop the recurring check email ${k} task`],
    ["delete", `Delete the stretch ${k} task`],
  ];
}
const MISREAD = /^(?:Sorry|I couldn't|Which one|Do you want me to add|What should|How often|When )/;

const database = await openDatabase({ driver: "pglite", migrationsFolder: MIGRATIONS });
const app = createApp(inProcessBackendDeps(database)).listen({ port: 0, hostname: "127.0.0.1" });
const base = `http://127.0.0.1:${app.server!.port}`;

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const people: { token: string; conversation?: string }[] = [];
for (let u = 0; u < users; u++) {
  const res = await post("/api/auth/signup", {
    email: `bench-chat-${u}-${Date.now()}@example.com`,
    password: "correct horse battery",
    timezone: ZONES[u % ZONES.length],
  });
  people.push({ token: res.body.token });
}

const samples = new Map<string, number[]>();
const misreads: string[] = [];
const time = async (person: (typeof people)[number], kind: string, message: string, record: boolean) => {
  const t0 = performance.now();
  const res = await post(
    "/api/chat",
    { message, ...(person.conversation ? { conversation_id: person.conversation } : {}) },
    person.token,
  );
  const elapsed = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${message}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  person.conversation = res.body.conversation_id;
  if (MISREAD.test(res.body.reply)) misreads.push(`${message} → ${res.body.reply}`);
  if (!record) return;
  if (!samples.has(kind)) samples.set(kind, []);
  samples.get(kind)!.push(elapsed);
};

// Warm-up: one round for one user (JIT, prepared statements), not recorded.
for (const [kind, message] of round("warm")) await time(people[0]!, kind, message, false);
misreads.length = 0;

const started = performance.now();
const cpuBefore = process.cpuUsage();
for (let r = 0; r < rounds; r++) {
  for (const [u, person] of people.entries()) {
    for (const [kind, message] of round(code(r * users + u))) await time(person, kind, message, true);
  }
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
// CPU per turn (client, server and PGlite share this process) depends far less on the machine's
// other load than wall-clock latency does, so it is printed beside the percentiles.
const cpuPerTurn = (cpu.user + cpu.system) / 1000 / (users * rounds * round("x").length);

const all = [...samples.values()].flat();
const columns = ["turn kind", "turns", "p50 ms", "p95 ms", "max ms"];
const rows: (string | number)[][] = [...samples.entries()].map(([kind, s]) => [
  kind,
  s.length,
  percentile(s, 50).toFixed(1),
  percentile(s, 95).toFixed(1),
  Math.max(...s).toFixed(1),
]);
rows.push([
  "**all turns**",
  all.length,
  percentile(all, 50).toFixed(1),
  percentile(all, 95).toFixed(1),
  Math.max(...all).toFixed(1),
]);
const p95 = percentile(all, 95);

const load = (
  await Bun.file("/proc/loadavg")
    .text()
    .catch(() => "?")
).split(" ")[0];
const header = `bench/chat: ${all.length} chat turns (${users} users × ${rounds} rounds × ${round("x").length} messages), rules interpreter, PGlite, one request at a time, Bun ${Bun.version}, ${navigator.hardwareConcurrency} cores, load average ${load} at the end, ${seconds.toFixed(1)} s, ${cpuPerTurn.toFixed(1)} ms CPU per turn (client and server)`;
console.log(`\n${header}\n`);
printTable(columns, rows);
console.log(
  `\np95 ${p95.toFixed(1)} ms: target (< 30 ms) ${p95 < 30 ? "met" : "MISSED"}; replies that were questions or refusals: ${misreads.length}`,
);
for (const line of misreads.slice(0, 10)) console.log(`  misread: ${line}`);

if (out) {
  const section = [
    `## Run at ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    header,
    "",
    markdownTable(columns, rows),
    "",
    `p95 ${p95.toFixed(1)} ms: target (< 30 ms) ${p95 < 30 ? "met" : "missed"}; replies that were questions or refusals: ${misreads.length}.`,
    "",
  ].join("\n");
  const file = Bun.file(out);
  const previous = (await file.exists()) ? await file.text() : "";
  await Bun.write(out, previous ? `${previous.trimEnd()}\n\n${section}` : section);
}

await app.stop();
await database.close();
