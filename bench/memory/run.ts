// bench/memory: resident memory of the embedded default. Starts `npm start`'s process
// (scripts/start.ts, every service and the site in one process) on a fresh DATA_DIR, creates
// --tasks tasks through the API with --clients requests in flight (bench/lib/task-corpus.ts), and
// reads the process's RSS (VmRSS) and peak (VmHWM) from /proc: at rest after start, during the
// burst, and at rest after it. Then starts the backend alone on a fresh PGlite, the way its pod
// starts, and reports its start peak plus the files it wrote (page cache a pod's cgroup counts).
// The backend's start is measured twice: running initdb in its process, and from the empty cluster
// its image carries (PGLITE_TEMPLATE, written here the way services/Dockerfile writes it).
// Usage: bun bench/memory/run.ts [--tasks 10000] [--clients 8] [--backend-port 4610] [--settle 15] [--parts embedded,backend]
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
import { diskUsage, processMemory, type Memory } from "./proc-memory.ts";

const taskCount = Number(arg("tasks", "10000"));
const clients = Number(arg("clients", "8"));
// `npm start` runs on free ports (runStart); the backend alone on this one.
const backendPort = Number(arg("backend-port", "4610"));
const settleSeconds = Number(arg("settle", "15"));
const parts = arg("parts", "embedded,backend").split(",");
const mb = (kb: number) => (kb / 1024).toFixed(0);

const rows: (string | number)[][] = [];
const record = (phase: string, memory: Memory, note = "") =>
  rows.push([phase, mb(memory.rssKb), mb(memory.peakKb), note]);

async function embeddedDefault(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-memory-"));
  const { child, urls } = await runStart({ DATA_DIR: dataDir }, undefined, 300_000);
  try {
    await Bun.sleep(settleSeconds * 1000);
    record("started, at rest", processMemory(child.pid));
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
