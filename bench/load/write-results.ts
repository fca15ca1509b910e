// bench/load's results: the Markdown report (bench/results/load.md by default), the summary
// bench/report reads (bench/results/tmp/load.json, not committed) and the two charts beside the report.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { markdownTable, percentile } from "../lib/stats.ts";
import { loadAverage, type CpuUsage } from "../lib/cpu.ts";
import { barChartSvg, lineChartSvg, writePng } from "../report/charts.ts";
import { MIX, OP_KINDS } from "./user.ts";

export interface StepResult {
  users: number;
  seconds: number;
  ops: number;
  errors: number;
  errorKinds: Record<string, number>;
  latency: number[];
  byKind: Record<string, number[]>;
  live: number[];
  streamsOpen: number;
  streamErrors: number;
  cpu: CpuUsage;
  /** transactions committed in the window, per service database (backend, recurring, notifier) */
  transactions: Record<string, number>;
  lagP99: number;
  lagMax: number;
  passed: boolean;
}

export interface LoadRun {
  results: StepResult[];
  /** the same steps against bench/load/bare-server.ts, in the same run */
  bareResults: StepResult[];
  out: string;
  command: string;
  measureSeconds: number;
  rampSeconds: number;
  think: number;
  findMax: boolean;
  maxUsers: number;
  signupConcurrency: number;
  /** how accounts were made: `seeded` (rows and minted tokens) or `api` (signup) */
  accounts: string;
  signedUp: number;
  signupSeconds: number;
  fdLimit: string;
  failure?: string;
  loadBefore: string;
  wholeRunSeconds: number;
  description: string;
}

export async function writeLoadResults(run: LoadRun): Promise<void> {
  const {
    results,
    bareResults,
    out,
    command,
    measureSeconds,
    rampSeconds,
    think,
    findMax,
    maxUsers,
    signupConcurrency,
    accounts,
    signedUp,
    signupSeconds,
    fdLimit,
    failure,
    loadBefore,
    wholeRunSeconds,
    description,
  } = run;
  const resultsDir = dirname(out);
  const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "-");
  const p = (values: number[], q: number) => (values.length ? f0(percentile(values, q)) : "-");
  const sorted = [...results].sort((a, b) => a.users - b.users);
  const passedUsers = sorted.filter((r) => r.passed).map((r) => r.users);
  const firstFail = sorted.find((r) => !r.passed && r.users > Math.max(0, ...passedUsers));
  const maxServed = passedUsers.length ? Math.max(...passedUsers) : 0;
  const at500 = sorted.find((r) => r.users === 500);
  const target500 = at500 ? at500.errors === 0 && percentile(at500.latency, 99) < 1000 : undefined;

  const sections: string[] = [];
  sections.push(
    `## Latency and errors per step\n\n` +
      `Every request a simulated person makes through the site (\`/api/*\` proxied to the backend), timed in the load generator from sending to the whole answer read, over a ${measureSeconds} s window after a ${rampSeconds} s ramp. ` +
      `Each person acts every ${think} s on average (uniform ${think / 2}–${(think * 1.5).toFixed(0)} s): ${MIX.map(([k, s]) => `${k} ${(s * 100).toFixed(0)}%`).join(", ")}. ` +
      "An error is any answer other than 2xx, a network error or no answer within 15 s. *Passed*: p99 < 3 s over all these simple operations and at most 0.1% errors (SC-009). " +
      "*Live update*: a chat turn sent → that task's event arrived on the person's own `/events` stream (backend outbox → Kafka → site → SSE).\n\n" +
      markdownTable(
        [
          "users",
          "requests",
          "per second",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "max ms",
          "errors",
          "SSE streams open",
          "live update p50 / p99 ms",
          "passed",
        ],
        sorted.map((r) => [
          r.users,
          r.ops,
          (r.ops / r.seconds).toFixed(1),
          p(r.latency, 50),
          p(r.latency, 95),
          p(r.latency, 99),
          f0(Math.max(...r.latency)),
          r.errors
            ? `**${r.errors}** (${Object.entries(r.errorKinds)
                .map(([k, v]) => `${k}: ${v}`)
                .join(", ")})`
            : "0",
          `${r.streamsOpen} / ${r.users}${r.streamErrors ? ` (${r.streamErrors} failed)` : ""}`,
          `${p(r.live, 50)} / ${p(r.live, 99)}`,
          r.passed ? "yes" : "**no**",
        ]),
      ),
  );
  sections.push(
    `## p50 / p99 by operation (ms)\n\n` +
      markdownTable(
        ["users", ...OP_KINDS],
        sorted.map((r) => [
          r.users,
          ...OP_KINDS.map((k) => `${p(r.byKind[k]!, 50)} / ${p(r.byKind[k]!, 99)} (${r.byKind[k]!.length})`),
        ]),
      ),
  );
  const cpuNames = Object.keys(sorted[0]?.cpu.percentOfOneCore ?? {});
  sections.push(
    `## CPU (% of one core over the window) and the generator's own lag\n\n` +
      `The machine has ${navigator.hardwareConcurrency} cores, shared with other work; the load generator runs on them too, so its share is taken from the services. ` +
      "*Generator lag*: how late its 100 ms timer fired (p99 / max); latencies above include that much of its own delay.\n\n" +
      markdownTable(
        ["users", ...cpuNames, "machine busy", "generator lag p99 / max ms"],
        sorted.map((r) => [
          r.users,
          ...cpuNames.map((n) => f0(r.cpu.percentOfOneCore[n]!)),
          `${f0(r.cpu.machineBusyPercent)}%`,
          `${f0(r.lagP99)} / ${f0(r.lagMax)}`,
        ]),
      ),
  );
  sections.push(
    `## CPU per request (ms of CPU per request served in the window)\n\n` +
      "Each process's CPU over the window divided by the requests the simulated people made in it: load-independent, so it says where a request's cost goes even on a shared machine (the event streams' heartbeats and session checks are included in it).\n\n" +
      markdownTable(
        ["users", ...cpuNames, "all"],
        sorted.map((r) => {
          const perRequest = (n: string) =>
            ((r.cpu.percentOfOneCore[n]! / 100) * r.cpu.wallSeconds * 1000) / r.ops;
          return [
            r.users,
            ...cpuNames.map((n) => perRequest(n).toFixed(2)),
            cpuNames.reduce((sum, n) => sum + perRequest(n), 0).toFixed(2),
          ];
        }),
      ),
  );
  const databases = Object.keys(sorted[0]?.transactions ?? {});
  if (databases.length > 0)
    sections.push(
      "## PostgreSQL transactions per request\n\n" +
        "Transactions committed in each service's database over the window (PostgreSQL's statistics) per request the people made: the database work one request causes, auth checks, outbox, relay and inboxes included.\n\n" +
        markdownTable(
          ["users", ...databases, "all"],
          sorted.map((r) => [
            r.users,
            ...databases.map((d) => (r.transactions[d]! / Math.max(1, r.ops)).toFixed(2)),
            (Object.values(r.transactions).reduce((a, b) => a + b, 0) / Math.max(1, r.ops)).toFixed(2),
          ]),
        ),
    );
  if (bareResults.length > 0) sections.push(bareSection(sorted, bareResults));
  sections.push(
    `## Result\n\n` +
      `- Target, 500 users with p99 < 1 s and no errors: ${target500 === undefined ? "not measured (no 500-user step)" : target500 ? `**met** (p99 ${p(at500!.latency, 99)} ms, 0 errors)` : `**missed** (p99 ${p(at500!.latency, 99)} ms, ${at500!.errors} errors)`}.\n` +
      `- Most users served with p99 < 3 s and ≤ 0.1% errors (SC-009): **${maxServed.toLocaleString("en")}**${firstFail ? ` (the next step measured, ${firstFail.users.toLocaleString("en")}, failed: p99 ${p(firstFail.latency, 99)} ms, ${firstFail.errors} errors)` : findMax ? ` (no failing step up to ${Math.max(...sorted.map((r) => r.users)).toLocaleString("en")}; --max-users ${maxUsers})` : ""}.\n` +
      `- Accounts (before each step): ${signedUp} in ${signupSeconds.toFixed(1)} s (${(signedUp / Math.max(signupSeconds, 1e-3)).toFixed(0)}/s), ${accounts === "seeded" ? "seeded: rows inserted straight into the backend's `users` table with one precomputed argon2id hash and each session token minted as the backend does (bench/lib/seed-accounts.ts); everything measured goes through the site and the API" : `signed up through the site and backend (argon2id each), ${signupConcurrency} at a time`}.\n` +
      bareLine(sorted, bareResults) +
      `- Open-files limit of the generator and services: ${fdLimit} (each person is one socket in the generator and one in the site; raised to the hard limit by the generator itself). Bun's fetch limit of 256 requests in flight is raised to 65,000 in the generator only (BUN_CONFIG_MAX_HTTP_REQUESTS); the site's proxy runs with the default.` +
      (failure ? `\n- **The run stopped early**: \`${failure}\`` : ""),
  );

  const report = [
    `# bench/load — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `Command: \`${command}\` (${navigator.hardwareConcurrency} cores, shared; load average before ${loadBefore}, after ${loadAverage()}; whole run ${wholeRunSeconds.toFixed(0)} s). Shape: ${description}; the load generator is one more Bun process on the same machine.`,
    ...sections,
    "Charts: `load-latency.png` (p50 / p95 / p99 per step), `load-throughput.png` (requests per second and errors per step).",
  ].join("\n\n");
  console.log(`\n${report}`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(out, `${report}\n`);
  // The figures bench/report puts in its summary table (bench/results/tmp/ is not committed); only
  // for results written under bench/results, so a trial run elsewhere does not replace the latest.
  const resultsRoot = resolve(import.meta.dir, "..", "results");
  const tmpDir = join(resultsRoot, "tmp");
  mkdirSync(tmpDir, { recursive: true });
  if (resolve(out).startsWith(resultsRoot))
    writeFileSync(
      join(tmpDir, "load.json"),
      JSON.stringify(
        {
          command,
          out,
          date: new Date().toISOString(),
          maxServed,
          target500,
          bare: bareResults.map((b) => {
            const p = sorted.find((r) => r.users === b.users);
            return {
              users: b.users,
              bareCpuMsPerRequest: cpuMsPerRequest(b),
              projectCpuMsPerRequest: p ? cpuMsPerRequest(p) : null,
              throughputRatio: p ? cpuMsPerRequest(b) / cpuMsPerRequest(p) : null,
            };
          }),
          steps: sorted.map((r) => ({
            users: r.users,
            perSecond: r.ops / r.seconds,
            p50: percentile(r.latency, 50),
            p95: percentile(r.latency, 95),
            p99: percentile(r.latency, 99),
            errors: r.errors,
            passed: r.passed,
            liveP99: percentile(r.live, 99),
          })),
        },
        null,
        1,
      ),
    );

  await writePng(
    lineChartSvg({
      title: "bench/load: request latency by concurrent users (through the site)",
      xLabel: "concurrent users",
      yLabel: "ms (log)",
      yLog: true,
      series: [50, 95, 99].map((q) => ({
        name: `p${q}`,
        points: sorted.map((r) => [r.users, Math.max(1, percentile(r.latency, q))] as [number, number]),
      })),
      thresholds: [
        { y: 3000, label: "SC-009: 3 s" },
        { y: 1000, label: "target at 500 users: 1 s" },
      ],
    }),
    join(resultsDir, "load-latency.png"),
  );
  await writePng(
    barChartSvg({
      title: "bench/load: requests per second and errors per step",
      yLabel: "count",
      categories: sorted.map((r) => `${r.users} users`),
      series: [
        { name: "requests/s", values: sorted.map((r) => r.ops / r.seconds) },
        { name: "errors in the window", values: sorted.map((r) => r.errors) },
      ],
    }),
    join(resultsDir, "load-throughput.png"),
  );
}

/** CPU ms per request of the named processes (all but the load generator when `names` is not given). */
export function cpuMsPerRequest(r: StepResult, names?: string[]): number {
  const chosen = names ?? Object.keys(r.cpu.percentOfOneCore).filter((n) => !n.startsWith("load generator"));
  const percent = chosen.reduce((sum, n) => sum + (r.cpu.percentOfOneCore[n] ?? 0), 0);
  return ((percent / 100) * r.cpu.wallSeconds * 1000) / Math.max(1, r.ops);
}

/** The Result section's line on the bare baseline (empty without one). */
function bareLine(project: StepResult[], bare: StepResult[]): string {
  const pairs = bare.flatMap((b) => {
    const p = project.find((r) => r.users === b.users);
    return p
      ? [`${(cpuMsPerRequest(b) / cpuMsPerRequest(p)).toFixed(2)} at ${b.users.toLocaleString("en")}`]
      : [];
  });
  return pairs.length
    ? `- Throughput as a share of the bare baseline's on the same cores (goal ≥ 0.7): ${pairs.join(", ")}.\n`
    : "";
}

const REQUEST_PATH = ["site", "backend", "PostgreSQL (all backends)"];

// The bare baseline beside each project step: on the same cores, requests per CPU second is the
// throughput either can reach, so the ratio of CPU per request is the throughput ratio.
function bareSection(project: StepResult[], bare: StepResult[]): string {
  const f2 = (v: number) => v.toFixed(2);
  const rows = [...bare]
    .sort((a, b) => a.users - b.users)
    .map((b) => {
      const p = project.find((r) => r.users === b.users);
      const bareCost = cpuMsPerRequest(b);
      return [
        b.users,
        `${(b.ops / b.seconds).toFixed(1)} / ${p ? (p.ops / p.seconds).toFixed(1) : "-"}`,
        `${percentile(b.latency, 50).toFixed(0)} / ${percentile(b.latency, 99).toFixed(0)}`,
        f2(bareCost),
        p ? f2(cpuMsPerRequest(p)) : "-",
        p ? f2(cpuMsPerRequest(p, REQUEST_PATH)) : "-",
        p ? `**${f2(bareCost / cpuMsPerRequest(p))}**` : "-",
        p ? f2(bareCost / cpuMsPerRequest(p, REQUEST_PATH)) : "-",
      ];
    });
  return (
    "## Bare baseline (same run)\n\n" +
    "After each step the same people send the same request mix to `bench/load/bare-server.ts`: one Bun.serve handler on Bun's PostgreSQL client and the backend's own database and tables, no framework, no validation, no auth check, no chat interpreter, no outbox, events or streams. " +
    "Both serve all that is offered below the knee, so the throughput ratio is taken where it is load-independent: requests per CPU second on the same cores, i.e. bare CPU ms per request ÷ the project's (goal ≥ 0.7). " +
    "*Project, all*: every service, the Kafka broker and PostgreSQL; *request path*: site, backend and PostgreSQL only. The load generator is left out of both.\n\n" +
    markdownTable(
      [
        "users",
        "requests/s bare / project",
        "bare p50 / p99 ms",
        "bare CPU ms/request (server + PostgreSQL)",
        "project CPU ms/request, all",
        "project CPU ms/request, request path",
        "throughput ratio project/bare, all",
        "ratio, request path",
      ],
      rows,
    )
  );
}
