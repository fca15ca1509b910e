// bench/burst/backlog.ts: issue 19's "background work never starves requests" on the embedded
// default (`npm start`, one process, PGlite shared by every service, memory transport). One run,
// two starts on one DATA_DIR: the first creates 10,000 tasks through the API, waits until both
// consumers (notifier, recurring) have handled their events and reads the task list one request
// after the other (at rest). With the process stopped, every task event is marked unpublished and
// taken out of both inboxes, so the second start relays and handles all 10,000 again (through the
// API the consumers keep up with the creates: no backlog would form). There the same reads run
// while the backlog drains, then at rest again. Prints p50/p95 per phase and the drain's p95 over
// each at-rest p95 (goal ≤ 2).
// Usage: bun bench/burst/backlog.ts [--creates 10000] [--clients 32] [--reads 200]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSharedPglite } from "../../messaging/src/db/pglite-shared.ts";
import { runStart } from "../../scripts/testing/run-start.ts";
import { arg } from "../lib/args.ts";
import { loadAverage } from "../lib/cpu.ts";
import { type BenchUser, logIn, signUp } from "../lib/sign-up.ts";
import { percentile, printTable } from "../lib/stats.ts";

const creates = Number(arg("creates", "10000"));
const clients = Number(arg("clients", "32"));
const reads = Number(arg("reads", "200"));

/** The sum of a counter's series on a service's /metrics whose labels contain every `labels` pair. */
async function counter(url: string, name: string, labels: string[]): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => /^[^ {]+/.exec(line)?.[0] === name && labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

/** Task events the relay published that a consumer has not handled yet (the slower of the two). */
async function backlogOf(urls: Record<string, string>): Promise<number> {
  const topic = 'topic="task-events"';
  const [published, notifier, recurring] = await Promise.all([
    counter(urls.backend!, "events_published_total", [topic]),
    counter(urls.notifier!, "events_consumed_total", [topic, 'consumer="notifier"']),
    counter(urls.recurring!, "events_consumed_total", [topic, 'consumer="recurring"']),
  ]);
  const outbox = await counter(urls.backend!, "outbox_backlog", []).catch(() => 0);
  return published - Math.min(notifier, recurring) + outbox;
}

const dataDir = mkdtempSync(join(tmpdir(), "bench-backlog-"));
const email = `backlog-${Date.now()}@example.com`;
const rows: (string | number)[][] = [];
const f1 = (n: number) => n.toFixed(1);

/** Reads the task list one request at a time as the bench's user; each read's latency in ms. */
async function reader(backendUrl: string, user: BenchUser) {
  return async () => {
    const t0 = performance.now();
    const res = await fetch(`${backendUrl}/api/tasks?limit=50`, { headers: user.headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`read: HTTP ${res.status}`);
    return performance.now() - t0;
  };
}

/** Waits for both consumers to have handled every task event, then for 2 s of quiet; `reads` reads one after the other. */
async function atRest(name: string, urls: Record<string, string>, read: () => Promise<number>) {
  while ((await backlogOf(urls)) > 0) await Bun.sleep(500);
  await Bun.sleep(2000);
  const t0 = performance.now();
  const ms: number[] = [];
  for (let i = 0; i < reads; i++) ms.push(await read());
  rows.push(phaseRow(name, ms, 0, t0));
  return percentile(ms, 95);
}

const phaseRow = (name: string, ms: number[], backlog: number, t0: number) => [
  name,
  ms.length,
  backlog,
  f1(percentile(ms, 50)),
  f1(percentile(ms, 95)),
  f1((performance.now() - t0) / 1000),
  loadAverage(),
];

/** The first start: `creates` tasks through the API by `clients` at once, then the at-rest reads. */
async function seedAndReadAtRest(): Promise<number> {
  const { child, urls } = await runStart({ DATA_DIR: dataDir }, undefined, 300_000);
  try {
    const user = await signUp(urls.backend!, email);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < creates) {
          const res = await fetch(`${urls.backend}/api/tasks`, {
            method: "POST",
            headers: user.headers,
            body: JSON.stringify({ title: `backlog task ${next++}` }),
          });
          if (res.status !== 201) throw new Error(`create: HTTP ${res.status}`);
          await res.arrayBuffer();
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${creates} creates by ${clients} clients in ${f1(seconds)} s (${f1(creates / seconds)}/s)`);
    return await atRest(
      "at rest (first start, after the creates were consumed)",
      urls,
      await reader(urls.backend!, user),
    );
  } finally {
    child.kill("SIGTERM");
    await child.exited;
  }
}

/**
 * With the process stopped: every task event goes back to unpublished and out of both consumers'
 * inboxes, so the next start relays and handles all of them again (real handler work, upserts of
 * what the first start wrote): a backlog of `creates` events at start.
 */
async function replayTaskEvents(): Promise<void> {
  const { client, close } = await openSharedPglite(join(dataDir, "db"));
  await client.exec(`
    update backend.outbox set published_at = null where topic = 'task-events';
    delete from notifier.inbox where topic = 'task-events';
    delete from recurring.inbox where topic = 'task-events';`);
  await close();
}

/** The second start: reads one after the other while the backlog drains, then at rest again. */
async function readDuringTheDrain(): Promise<{ drain: number; after: number }> {
  const { child, urls } = await runStart({ DATA_DIR: dataDir }, undefined, 300_000);
  try {
    const read = await reader(urls.backend!, await logIn(urls.backend!, email));
    const t0 = performance.now();
    const backlog = await backlogOf(urls);
    const ms: number[] = [];
    for (let pending = backlog; pending > 0; ) {
      const check = backlogOf(urls);
      for (let i = 0; i < 10; i++) ms.push(await read());
      pending = await check;
    }
    rows.push(phaseRow("during the drain (second start)", ms, backlog, t0));
    const after = await atRest("at rest (second start, after the drain)", urls, read);
    return { drain: percentile(ms, 95), after };
  } finally {
    child.kill("SIGTERM");
    await child.exited;
  }
}

try {
  const before = await seedAndReadAtRest();
  await replayTaskEvents();
  const { drain, after } = await readDuringTheDrain();
  console.log(
    `\nbench/burst/backlog: npm start (PGlite, memory transport), ${new Date().toISOString()}, Bun ${Bun.version}, ${navigator.hardwareConcurrency} cores\n`,
  );
  printTable(
    [
      "phase",
      "reads",
      "task events not yet consumed at its start",
      "p50 ms",
      "p95 ms",
      "seconds",
      "load average",
    ],
    rows,
  );
  console.log(
    `\np95 during the drain / at rest: ${(drain / before).toFixed(2)} against the first start's, ${(drain / after).toFixed(2)} against the second's (goal ≤ 2)`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
