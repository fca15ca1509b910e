// bench/burst: 500 requests opened at the same instant against the embedded default (`npm start`,
// one process, PGlite), issue 19's goal: every one answered, no error, p99 under 1 s. Three
// bursts, one after the other: chat adds (POST /api/chat), completes of 500 distinct tasks, and
// reads of the task list. Prints p50/p95/p99/max per burst with the load average beside them, and
// the CPU milliseconds the `npm start` process spent per request of each burst (from /proc: the
// measure that does not move with the machine's other load). `--profile DIR` runs it under Bun's
// `--cpu-prof-md` and leaves the profile (the whole run, start and seeding included) in DIR.
// Usage: bun bench/burst/run.ts [--requests 500] [--profile DIR]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStart } from "../../scripts/testing/run-start.ts";
import { arg } from "../lib/args.ts";
import { restartWithRaisedLimits } from "../lib/raised-limits.ts";
import { cpuSeconds, loadAverage } from "../lib/cpu.ts";
import { signUp } from "../lib/sign-up.ts";
import { percentile, printTable } from "../lib/stats.ts";

await restartWithRaisedLimits();

const requests = Number(arg("requests", "500"));
const profileDir = arg("profile", "");
const f0 = (n: number) => n.toFixed(0);

const dataDir = mkdtempSync(join(tmpdir(), "bench-burst-"));
// The raised request limit is this process's own: the services run with Bun's default.
const { child, urls } = await runStart(
  { BUN_CONFIG_MAX_HTTP_REQUESTS: undefined, DATA_DIR: dataDir },
  undefined,
  300_000,
  profileDir ? ["--cpu-prof-md", `--cpu-prof-dir=${profileDir}`] : [],
);
const api = `${urls.backend}/api`;
const rows: (string | number)[][] = [];
try {
  const { headers } = await signUp(urls.backend!, `burst-${Date.now()}@example.com`);
  const ids: string[] = [];
  for (let i = 0; i < requests; i++) {
    const res = await fetch(`${api}/tasks`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: `burst task ${i}` }),
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
  await Bun.sleep(5000); // the creates' events drained: the bursts start from rest

  /** Opens `requests` requests at once; the latency of each from that instant to its whole answer. */
  const burst = async (name: string, request: (i: number) => Promise<Response>) => {
    const load = loadAverage();
    const cpu0 = cpuSeconds([child.pid]);
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: requests }, async (_, i) => {
        try {
          const res = await request(i);
          await res.arrayBuffer();
          return { ms: performance.now() - t0, ok: res.ok, status: String(res.status) };
        } catch (error) {
          return { ms: performance.now() - t0, ok: false, status: (error as Error).name };
        }
      }),
    );
    const cpuMs = ((cpuSeconds([child.pid]) - cpu0) * 1000) / requests;
    const ms = results.map((r) => r.ms);
    const failures = results.filter((r) => !r.ok);
    const byStatus = [...new Set(failures.map((r) => r.status))]
      .map((s) => `${s} ×${failures.filter((r) => r.status === s).length}`)
      .join(", ");
    rows.push([
      name,
      requests,
      requests - failures.length,
      byStatus || "none",
      f0(percentile(ms, 50)),
      f0(percentile(ms, 95)),
      f0(percentile(ms, 99)),
      f0(Math.max(...ms)),
      cpuMs.toFixed(1),
      load,
    ]);
    await Bun.sleep(5000);
  };
  await burst("chat add", (i) =>
    fetch(`${api}/chat`, {
      method: "POST",
      headers,
      body: JSON.stringify({ message: `add buy oat milk number ${i}` }),
    }),
  );
  await burst("complete", (i) =>
    fetch(`${api}/tasks/${ids[i]}/complete`, { method: "POST", headers, body: "{}" }),
  );
  await burst("read list", () => fetch(`${api}/tasks?limit=50`, { headers }));
} finally {
  child.kill("SIGTERM");
  await child.exited;
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  `\nbench/burst: ${requests} requests opened at once against npm start (PGlite), ${new Date().toISOString()}, Bun ${Bun.version}, ${navigator.hardwareConcurrency} cores, load average ${loadAverage()} at the end\n`,
);
printTable(
  [
    "burst",
    "requests",
    "answered 2xx",
    "errors",
    "p50 ms",
    "p95 ms",
    "p99 ms (goal < 1,000)",
    "max ms",
    "CPU ms per request",
    "load average before",
  ],
  rows,
);
