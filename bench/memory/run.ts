// bench/memory: resident memory of the embedded default. Starts `npm start`'s process
// (scripts/start.ts, every service and the site in one process) on a fresh DATA_DIR, creates
// --tasks tasks through the API with --clients requests in flight (bench/lib/task-corpus.ts), and
// reads the process's RSS (VmRSS) and peak (VmHWM) from /proc: at rest after start, during the
// burst, and at rest after it. Then starts the backend alone on a fresh PGlite, the way its pod
// starts, and reports its start peak plus the files it wrote (page cache a pod's cgroup counts).
// The backend's start is measured twice: running initdb in its process, and from the empty cluster
// its image carries (PGLITE_TEMPLATE, written here the way services/Dockerfile writes it).
// Usage: bun bench/memory/run.ts [--tasks 10000] [--clients 8] [--backend-port 4610] [--start-port 0]
//   [--settle 15] [--queries 50] [--parts embedded,backend]
// --queries N: after the seeding, reads each of bench/search's query kinds N times and measures again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStart } from "../../scripts/testing/run-start.ts";
import { spawnUntil } from "../../scripts/testing/spawn-until.ts";
import { arg } from "../lib/args.ts";
import { loadAverage } from "../lib/cpu.ts";
import { signUp } from "../lib/sign-up.ts";
import { printTable } from "../lib/stats.ts";
import { corpusTask } from "../lib/task-corpus.ts";
import { QUERY_KINDS } from "../search/queries.ts";
import type { ProbeReport } from "./probe.ts";
import { diskUsage, mappings, processMemory, type Memory } from "./proc-memory.ts";

const taskCount = Number(arg("tasks", "10000"));
const clients = Number(arg("clients", "8"));
// `npm start` runs on free ports (runStart); the backend alone on this one.
const backendPort = Number(arg("backend-port", "4610"));
// --start-port N: `npm start`'s site, backend, recurring and notifier on N..N+3 instead of free ports.
const startPort = Number(arg("start-port", "0"));
const startPorts = (base: number) =>
  base
    ? {
        SITE_PORT: String(base),
        BACKEND_PORT: String(base + 1),
        RECURRING_PORT: String(base + 2),
        NOTIFIER_PORT: String(base + 3),
      }
    : {};
const settleSeconds = Number(arg("settle", "15"));
const queriesPerKind = Number(arg("queries", "50"));
const parts = arg("parts", "embedded,backend").split(",");
const mb = (kb: number) => (kb / 1024).toFixed(0);

const rows: (string | number)[][] = [];
const breakdowns: (string | number)[][] = [];
const record = (phase: string, memory: Memory, note = "") =>
  rows.push([phase, mb(memory.rssKb), mb(memory.peakKb), note]);

/**
 * Where the process's memory is: asks the probe (probe.ts, preloaded) to collect garbage and
 * report, then attributes the resident mappings: PGlite's WebAssembly memory (the anonymous
 * mapping of its size), mapped files (the bun binary, the data files), and the rest (the
 * JavaScript heap, the native allocator, stacks).
 */
async function recordBreakdown(phase: string, pid: number, probeFile: string): Promise<void> {
  rmSync(probeFile, { force: true });
  process.kill(pid, "SIGUSR2");
  while (!(await Bun.file(probeFile).exists())) await Bun.sleep(50);
  await Bun.sleep(100);
  const probe = (await Bun.file(probeFile).json()) as ProbeReport;
  const maps = mappings(pid);
  const wasmKb = probe.wasmMemories.map((bytes) => bytes / 1024);
  const isWasm = (m: { sizeKb: number; name: string }) =>
    m.name === "" && wasmKb.some((kb) => m.sizeKb >= kb && m.sizeKb <= kb + 64);
  const sum = (list: { rssKb: number }[]) => list.reduce((total, m) => total + m.rssKb, 0);
  const wasmRss = sum(maps.filter(isWasm));
  const fileRss = sum(maps.filter((m) => m.name.startsWith("/")));
  const otherRss = sum(maps.filter((m) => !isWasm(m) && !m.name.startsWith("/")));
  const bytes = (n: number) => (n / 2 ** 20).toFixed(0);
  breakdowns.push([
    phase,
    mb(processMemory(pid).rssKb),
    `${mb(wasmRss)} of ${wasmKb.map(mb).join(" + ")}`,
    mb(fileRss),
    mb(otherRss),
    `${bytes(probe.jsHeap.size - probe.jsHeap.extra)} / ${bytes(probe.afterGc.heapTotal)}`,
    bytes(probe.jsHeap.extra),
    bytes(probe.afterGc.arrayBuffers),
    probe.jsHeap.topTypes
      .slice(0, 5)
      .map(([type, count]) => `${type} ${count}`)
      .join(", "),
  ]);
}

/** Reads issue 19's query kinds (bench/search/queries.ts) `queriesPerKind` times each, as bench/peer does. */
async function readEveryKind(api: string, headers: Record<string, string>): Promise<void> {
  for (const kind of QUERY_KINDS)
    for (let i = 0; i < queriesPerKind; i++) {
      const res = await fetch(`${api}/api/tasks?${kind.query}`, { headers });
      if (res.status !== 200) throw new Error(`${kind.name}: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
}

async function embeddedDefault(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-memory-"));
  const probeFile = join(dataDir, "probe.json");
  const { child, urls } = await runStart(
    { DATA_DIR: dataDir, MEMORY_PROBE_FILE: probeFile, ...startPorts(startPort) },
    undefined,
    300_000,
    ["--preload", join(import.meta.dir, "probe.ts")],
  );
  try {
    await Bun.sleep(settleSeconds * 1000);
    record("started, at rest", processMemory(child.pid));
    await recordBreakdown("started, at rest", child.pid, probeFile);
    const api = urls.backend!;
    const { headers } = await signUp(api, `memory-${Date.now()}@example.com`);
    let next = 0;
    let highest = 0;
    const sampler = setInterval(() => (highest = Math.max(highest, processMemory(child.pid).rssKb)), 250);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < taskCount) {
          const task = corpusTask(next++);
          const res = await fetch(`${api}/api/tasks`, {
            method: "POST",
            headers,
            body: JSON.stringify({
              title: task.title,
              description: task.description,
              priority: task.priority,
              tags: task.labels,
              due_date: task.dueDate ?? undefined,
            }),
          });
          if (res.status !== 201) throw new Error(`create: HTTP ${res.status} ${await res.text()}`);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    record(
      `${taskCount.toLocaleString("en")} tasks created`,
      { ...processMemory(child.pid), rssKb: highest },
      `${(taskCount / seconds).toFixed(0)} tasks/s, ${clients} clients; RSS column: highest sampled`,
    );
    await Bun.sleep(settleSeconds * 1000);
    record(
      `at rest ${settleSeconds} s later`,
      processMemory(child.pid),
      `data on disk ${mb(diskUsage(dataDir))} MB`,
    );
    await recordBreakdown(`at rest after ${taskCount.toLocaleString("en")} tasks`, child.pid, probeFile);
    if (queriesPerKind > 0) {
      await readEveryKind(api, headers);
      await Bun.sleep(settleSeconds * 1000);
      record(
        `${queriesPerKind} reads of each query kind, ${settleSeconds} s later`,
        processMemory(child.pid),
        "bench/search's kinds, one at a time",
      );
      await recordBreakdown(`after ${queriesPerKind} reads of each kind`, child.pid, probeFile);
    }
  } finally {
    child.kill("SIGTERM");
    await child.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function backendPodStart(template?: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-memory-backend-"));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(backendPort),
    AUTH_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    PGLITE_TEMPLATE: template,
  };
  const { child } = await spawnUntil(
    ["services/backend/src/main.ts"],
    env,
    (out) => out.includes("listening on"),
    "backend",
    300_000,
  );
  try {
    await Bun.sleep(2000);
    const memory = processMemory(child.pid);
    const written = diskUsage(dataDir);
    record(
      `backend alone, fresh PGlite (a pod's first start), ${template ? "from the image's empty cluster" : "initdb in the process"}`,
      memory,
      `+ ${mb(written)} MB written (page cache) = ${mb(memory.peakKb + written)} MB against the chart's 512 Mi`,
    );
  } finally {
    child.kill("SIGTERM");
    await child.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const startLoad = loadAverage();
if (parts.includes("embedded")) await embeddedDefault();
if (parts.includes("backend")) {
  await backendPodStart();
  const scratch = mkdtempSync(join(tmpdir(), "bench-memory-template-"));
  const template = join(scratch, "pglite-empty.tgz");
  Bun.spawnSync([process.execPath, "messaging/scripts/write-pglite-template.ts", template], {
    cwd: join(import.meta.dir, "..", ".."),
    stdout: "ignore",
  });
  await backendPodStart(template);
  rmSync(scratch, { recursive: true, force: true });
}
console.log(
  `\nbench/memory: ${new Date().toISOString()}, Bun ${Bun.version}, load average ${startLoad} at the start, ${loadAverage()} at the end\n`,
);
printTable(["phase", "RSS MB", "peak RSS MB (VmHWM)", "note"], rows);
if (breakdowns.length > 0) {
  console.log("\nWhere it is (after Bun.gc(true); resident MB of the mappings, in-process figures in MB):\n");
  printTable(
    [
      "phase",
      "RSS after GC",
      "PGlite WebAssembly memory (resident of size)",
      "mapped files",
      "other anonymous",
      "JS objects / heap committed",
      "outside the JS heap (strings, buffers, WebAssembly)",
      "of which array buffers",
      "most JS objects",
    ],
    breakdowns,
  );
}
