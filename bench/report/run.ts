// bench/report: runs every benchmark one after another (search, events, reminders, chat, load,
// chaos), each as its own process, and writes bench/results/report.md: one summary table with each
// run's command, duration, outcome and headline figures, the load steps, the chaos checks and
// recovery, the charts, and every benchmark's own output. `--quick` (the default) gives each the
// small sizes below, a few minutes in all; `--full` runs each with its own defaults (and writes its
// own bench/results/<name>.md as well). Quick runs write their own results into bench/results/tmp/
// (not committed), so the full tables and charts stay. A benchmark left out with --only still gets
// its summary line from its latest run when it leaves one (load and chaos: bench/results/tmp/*.json).
// Usage: bun bench/report/run.ts [--full] [--only search,events,reminders,chat,load,chaos] [--out bench/results/report.md]
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { loadAverage } from "../lib/cpu.ts";
import { arg } from "../lib/args.ts";

const full = process.argv.includes("--full");
const only = arg("only", "search,events,reminders,chat,load,chaos").split(",");
const results = join(import.meta.dir, "..", "results");
const tmp = join(results, "tmp");
const out = arg("out", join(results, "report.md"));
mkdirSync(tmp, { recursive: true });

interface Bench {
  name: string;
  args: string[];
  /** the figures worth a line in the summary, from the benchmark's own printed output */
  headline(output: string): string;
}

const lines = (output: string, pattern: RegExp) => output.split("\n").filter((l) => pattern.test(l));
const cells = (line: string) =>
  line
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean);
const readJson = (name: string) =>
  existsSync(join(tmp, `${name}.json`))
    ? JSON.parse(readFileSync(join(tmp, `${name}.json`), "utf8"))
    : undefined;

const BENCHES: Bench[] = [
  {
    name: "search",
    args: full ? [] : ["--sizes", "10000", "--drivers", "pglite,postgres", "--queries", "50"],
    headline: (o) =>
      lines(o, /\*\*all combined-filter queries\*\*/)
        .map((l) => {
          const c = cells(l);
          return `${c[0]} ${Number(c[1]).toLocaleString("en")} tasks: p50 ${c[3]} ms, p95 ${c[4]} ms`;
        })
        .join("; ") || "no summary row",
  },
  {
    name: "events",
    args: full
      ? []
      : [
          "--adapters",
          "platformatic",
          "--drivers",
          "postgres",
          "--events",
          "5000",
          "--seconds",
          "8",
          "--low-seconds",
          "8",
          "--poll-seconds",
          "0",
          "--idle-seconds",
          "5",
          "--wakeup-pairs",
          "50",
          "--drain-events",
          "3000",
          "--out",
          join(tmp, "events.md"),
        ],
    headline: (o) =>
      lines(o, /^\| platformatic \|/)
        .map((l) => {
          const c = cells(l);
          if (c.length === 5) return `relay on ${c[1]} ${c[2]} events/s (bare producer ${c[3]})`;
          if (c.length === 4) return `consumer drains ${c[2]} events/s`;
          if (c.length === 12) return `${c[1]}: commit → handled p50 ${c[5]} / p99 ${c[7]} ms`;
          return "";
        })
        .filter(Boolean)
        .join("; ") || "see output",
  },
  {
    name: "reminders",
    args: full
      ? []
      : [
          "--shapes",
          "kafka",
          "--reminders",
          "100",
          "--spread",
          "10",
          "--burst",
          "2000",
          "--out",
          join(tmp, "reminders.md"),
        ],
    headline: (o) =>
      lines(o, /^\| kafka \|/)
        .slice(1, 3)
        .map((l) => {
          const c = cells(l);
          return c.length >= 12
            ? `lateness p50 ${c[4]} ms, p99 ${c[6]} ms (${c[3]} stored)`
            : `burst: ${c[3]} stored, last ${c[5]}`;
        })
        .join("; ") || "see output",
  },
  {
    name: "chat",
    args: full ? ["--out", join(results, "chat.md")] : ["--users", "5", "--rounds", "2"],
    headline: (o) => lines(o, /^p95 .* ms: target/)[0] ?? "see output",
  },
  {
    name: "load",
    args: full
      ? []
      : [
          "--steps",
          "100,500",
          "--think",
          "10",
          "--ramp",
          "10",
          "--measure",
          "20",
          "--find-max",
          "false",
          "--out",
          join(tmp, "load.md"),
        ],
    headline: () => {
      const j = readJson("load");
      if (!j) return "no results";
      return (
        j.steps
          .map(
            (s: any) =>
              `${s.users} users: p50 ${s.p50.toFixed(0)} / p99 ${s.p99.toFixed(0)} ms, ${s.errors} errors${s.passed ? "" : " (**failed**)"}`,
          )
          .join("; ") + (j.steps.length > 2 ? `; most users with p99 < 3 s: **${j.maxServed}**` : "")
      );
    },
  },
  {
    name: "chaos",
    args: full ? [] : ["--warmup", "15", "--interval", "25", "--out", join(tmp, "chaos.md")],
    headline: () => {
      const j = readJson("chaos");
      if (!j) return "no results";
      const failed = j.checks.filter((c: any) => c.failures > 0).length;
      return `${j.mutations} mutations, ${j.checks.length} checks over ${j.checks.reduce((a: number, c: any) => a + c.checked, 0).toLocaleString("en")} items: ${failed === 0 ? "all passed" : `**${failed} failed**`}${j.crashes?.length ? `; **crashed on their own: ${j.crashes.map((c: any) => `${c.name} at ${c.atS.toFixed(0)} s`).join(", ")}**` : ""}; ready after ${j.recovery.map((r: any) => `${r.fault} ${r.readyS.toFixed(1)} s`).join(", ")}`;
    },
  },
];

const started = performance.now();
const loadBefore = loadAverage();
const runs: {
  bench: Bench;
  command: string;
  seconds: number;
  code: number;
  output: string;
  headline: string;
}[] = [];
for (const bench of BENCHES.filter((b) => only.includes(b.name))) {
  const command = `node_modules/.bin/bun bench/${bench.name}/run.ts ${bench.args.join(" ")}`.trim();
  console.error(`[report] ${command}`);
  const t0 = performance.now();
  const child = Bun.spawn([process.execPath, join("bench", bench.name, "run.ts"), ...bench.args], {
    cwd: join(import.meta.dir, "..", ".."),
    stdout: "pipe",
    stderr: "inherit",
  });
  const output = await new Response(child.stdout).text();
  const code = await child.exited;
  writeFileSync(join(tmp, `${bench.name}.out`), output);
  runs.push({
    bench,
    command,
    seconds: (performance.now() - t0) / 1000,
    code,
    output,
    headline: code === 0 || bench.name === "chaos" ? bench.headline(output) : `exit ${code}; see output`,
  });
}

for (const name of ["load", "chaos"]) {
  const latest = readJson(name);
  if (runs.some((r) => r.bench.name === name) || !latest) continue;
  const bench = BENCHES.find((b) => b.name === name)!;
  runs.push({
    bench,
    command: `${latest.command} (latest run, ${latest.date.slice(0, 16).replace("T", " ")} UTC, not re-run here)`,
    seconds: NaN,
    code: 0,
    output: existsSync(latest.out) ? readFileSync(latest.out, "utf8") : "",
    headline: bench.headline(""),
  });
}

const charts = ["load-latency.png", "load-throughput.png", "chaos-lag.png", "chaos-lateness.png"].filter(
  (c) => existsSync(join(results, c)),
);
const report = [
  `# bench/report — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  `Command: \`node_modules/.bin/bun bench/report/run.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}\` (${full ? "full sizes" : "quick sizes"}; ${navigator.hardwareConcurrency} cores, shared; Bun ${Bun.version}; load average before ${loadBefore}, after ${loadAverage()}; ${((performance.now() - started) / 1000).toFixed(0)} s in all).`,
  "| benchmark | command | took | exit | headline |\n|---|---|---|---|---|\n" +
    runs
      .map(
        (r) =>
          `| ${r.bench.name} | \`${r.command}\` | ${Number.isNaN(r.seconds) ? "-" : `${r.seconds.toFixed(0)} s`} | ${r.code} | ${r.headline.replaceAll("|", "/")} |`,
      )
      .join("\n"),
  charts.length ? `## Charts\n\n${charts.map((c) => `![${c}](${c})`).join("\n\n")}` : "",
  ...runs.map(
    (r) =>
      `## ${r.bench.name}\n\n<details><summary>output of \`${r.command}\`</summary>\n\n${r.output.trim().replace(/^# /gm, "### ")}\n\n</details>`,
  ),
]
  .filter(Boolean)
  .join("\n\n");
writeFileSync(out, `${report}\n`);
console.log(report.split("\n## ")[0]);
console.error(`[report] wrote ${out}`);
process.exit(runs.some((r) => r.code !== 0) ? 1 : 0);
