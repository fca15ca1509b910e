// bench/peer: this project on its embedded default (`npm start`: one process, PGlite) side by side
// with Vikunja (issue 19's peer, built from its source by build-vikunja.ts, on its default SQLite).
// Both get the same --tasks tasks of bench/lib/task-corpus.ts for one user (the project through its
// API with 8 clients, Vikunja in SQL: see vikunja.ts), then issue 19's query kinds go to both
// interleaved request by request (A, B, A, B…). Before timing, each kind is read to the end on both
// sides and the two lists of tasks must be the same. Prints p50/p95 per kind and the p95 ratio,
// resident memory at rest, CPU seconds per phase, and writes bench/results/peer.md plus a chart.
// A Vikunja request unanswered after --request-timeout seconds ends its kind (reported as "> N"), and a
// kind whose pages take Vikunja more than --check-seconds to list is timed but not compared (said so).
// Usage: bun bench/peer/run.ts [--tasks 10000] [--queries 200] [--kind-seconds 60] [--vikunja-port 4710]
//          [--request-timeout 60] [--check-seconds 300]
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStart } from "../../scripts/testing/run-start.ts";
import { arg } from "../lib/args.ts";
import { cpuSeconds, loadAverage } from "../lib/cpu.ts";
import { signUp } from "../lib/sign-up.ts";
import { markdownTable, percentile } from "../lib/stats.ts";
import { corpus, LABELS } from "../lib/task-corpus.ts";
import { processMemory } from "../memory/proc-memory.ts";
import { barChartSvg, writePng } from "../report/charts.ts";
import { ensureVikunja, VIKUNJA_COMMIT } from "./build-vikunja.ts";
import { signature, startVikunja, vikunjaSignature, type Vikunja } from "./vikunja.ts";

const taskCount = Number(arg("tasks", "10000"));
const queriesPerKind = Number(arg("queries", "200"));
const kindSeconds = Number(arg("kind-seconds", "60"));
// The project starts on free ports (runStart); Vikunja on this one.
const vikunjaPort = Number(arg("vikunja-port", "4710"));
const requestTimeoutMs = Number(arg("request-timeout", "60")) * 1000;
const checkMs = Number(arg("check-seconds", "300")) * 1000;
// The default size keeps the names the README links; another size gets its own files.
const resultName = taskCount === 10_000 ? "peer" : `peer-${taskCount}`;
const clients = 8;
const f1 = (n: number) => n.toFixed(1);
const mb = (kb: number) => (kb / 1024).toFixed(0);
const say = (line: string) => console.error(`bench/peer: ${line} (load average ${loadAverage()})`);

/** One query kind of issue 19, as each product spells it. Vikunja's reads use its table view, 50 a page. */
interface PeerKind {
  name: string;
  project: string;
  vikunja: (label: (title: string) => number) => string;
  /** Also compare the order of the first page by due date (the kind is a sort). */
  sortedByDue?: boolean;
}

const filter = (expression: string) => `filter=${encodeURIComponent(expression)}&filter_timezone=UTC`;
const NEWEST = "sort_by[]=id&order_by[]=desc";
const KINDS: PeerKind[] = [
  {
    name: "priority + tag + status",
    project: "priority=high&tag=work&status=pending",
    vikunja: (l) => `${filter(`priority = 3 && labels = ${l("work")} && done = false`)}&${NEWEST}`,
  },
  { name: "keyword", project: "q=presentation", vikunja: () => `s=presentation&${NEWEST}` },
  {
    name: "keyword + status",
    project: "q=invoice&status=pending",
    vikunja: () => `s=invoice&${filter("done = false")}&${NEWEST}`,
  },
  // Due dates are midnight UTC in both. Vikunja's SQLite compares them as text with
  // '2026-12-01 00:00:00+00:00', which sorts after '2026-12-01 00:00:00': ">= '2026-12-01'" would
  // leave out the tasks due that day, "> '2026-11-30'" does not.
  {
    name: "due range",
    project: "due_from=2026-12-01&due_to=2026-12-31",
    vikunja: () => `${filter("due_date > '2026-11-30' && due_date <= '2026-12-31'")}&${NEWEST}`,
  },
  {
    name: "two tags",
    project: "tag=work&tag=urgent",
    vikunja: (l) => `${filter(`labels = ${l("work")} && labels = ${l("urgent")}`)}&${NEWEST}`,
  },
  {
    name: "sort by due",
    project: "sort=due",
    vikunja: () => "sort_by[]=due_date&order_by[]=asc&sort_by[]=id&order_by[]=asc",
    sortedByDue: true,
  },
  { name: "completed", project: "status=completed", vikunja: () => `${filter("done = true")}&${NEWEST}` },
  { name: "list page of 50", project: "limit=50", vikunja: () => NEWEST },
];

interface ProjectTask {
  id: string;
  title: string;
  description: string | null;
  priority: string;
  tags: string[];
  due_date: string | null;
  status: string;
}
const projectSignature = (t: ProjectTask) =>
  signature({
    title: t.title,
    description: t.description ?? "",
    priority: t.priority,
    labels: t.tags,
    dueDate: t.due_date,
    done: t.status === "completed",
  });

async function startProject(dataDir: string) {
  const { child, urls } = await runStart({ DATA_DIR: dataDir }, undefined, 300_000);
  const api = `${urls.backend}/api`;
  const { headers } = await signUp(urls.backend!, `peer-${Date.now()}@example.com`).catch((error) => {
    child.kill("SIGTERM");
    throw error;
  });
  return {
    child,
    async get(query: string): Promise<{ items: ProjectTask[]; next_cursor: string | null }> {
      const res = await fetch(`${api}/tasks?${query}`, { headers });
      if (!res.ok) throw new Error(`GET /api/tasks?${query}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as { items: ProjectTask[]; next_cursor: string | null };
    },
    /** Creates the tasks through the API, `clients` at a time, completing the done ones. */
    async seed(tasks: ReturnType<typeof corpus>) {
      let next = 0;
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${api}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
        return (await res.json()) as { id: string };
      };
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (next < tasks.length) {
            const t = tasks[next++]!;
            const { id } = await post("/tasks", {
              title: t.title,
              description: t.description,
              priority: t.priority,
              tags: t.labels,
              due_date: t.dueDate ?? undefined,
            });
            if (t.done) await post(`/tasks/${id}/complete`, {});
          }
        }),
      );
    },
  };
}
type Project = Awaited<ReturnType<typeof startProject>>;

/** Every task a kind matches, read to the end, as sorted signatures (and the first page's due dates). */
async function projectAll(project: Project, kind: PeerKind) {
  const all: string[] = [];
  let cursor: string | null = null;
  let firstDue: string[] | undefined;
  do {
    const page: Awaited<ReturnType<Project["get"]>> = await project.get(
      `${kind.project.replace(/(^|&)limit=\d+/, "")}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    firstDue ??= page.items.slice(0, 50).map((t) => t.due_date ?? "-");
    all.push(...page.items.map(projectSignature));
    cursor = page.next_cursor;
  } while (cursor);
  return { all: all.sort(), firstDue: firstDue ?? [] };
}

/** Every task a kind matches on Vikunja, or why it could not be listed within `budgetMs`. */
async function vikunjaAll(vikunja: Vikunja, query: string, budgetMs: number) {
  const all: string[] = [];
  let firstDue: string[] | undefined;
  const deadline = performance.now() + budgetMs;
  for (let page = 1; ; page++) {
    const left = deadline - performance.now();
    const answer = await vikunja
      .get(`${vikunja.tasksPath}?${query}&per_page=500&page=${page}`, Math.max(left, 1))
      .catch((error: Error) => {
        if (error.name === "TimeoutError") return undefined;
        throw error;
      });
    if (!answer) return { unchecked: `Vikunja had not listed them after ${(budgetMs / 1000).toFixed(0)} s` };
    const { body, headers } = answer;
    firstDue ??= body
      .slice(0, 50)
      .map((t) => (t.due_date.startsWith("0001-") ? "-" : t.due_date.slice(0, 10)));
    all.push(...body.map(vikunjaSignature));
    if (page >= Number(headers.get("x-pagination-total-pages") ?? 0) || body.length === 0) break;
  }
  return { all: all.sort(), firstDue: firstDue ?? [] };
}

const timed = async (request: () => Promise<unknown>) => {
  const t0 = performance.now();
  await request();
  return performance.now() - t0;
};

const isTimeout = (error: unknown) => error instanceof Error && error.name === "TimeoutError";

/**
 * One kind timed request by request, project then Vikunja, after three warm-up pairs: `queriesPerKind`
 * pairs, or fewer once `kindSeconds` have passed and 10 are in. A Vikunja request that times out ends
 * Vikunja's side of the kind (`timedOut`: every later one would wait as long); the project's goes on alone.
 */
async function timeKind(projectGet: () => Promise<unknown>, vikunjaGet: () => Promise<unknown>) {
  const samples = { project: [] as number[], vikunja: [] as number[], timedOut: false };
  try {
    for (let i = 0; i < 3; i++) await Promise.all([projectGet(), vikunjaGet()]);
    const kindStart = performance.now();
    for (
      let i = 0;
      i < queriesPerKind && (i < 10 || performance.now() - kindStart < kindSeconds * 1000);
      i++
    ) {
      samples.project.push(await timed(projectGet));
      samples.vikunja.push(await timed(vikunjaGet));
    }
  } catch (error) {
    if (!isTimeout(error)) throw error;
    samples.timedOut = true;
  }
  // Past Vikunja's unanswered request the project's side is still timed, alone, to the same limits.
  const aloneFrom = performance.now();
  while (
    samples.timedOut &&
    samples.project.length < queriesPerKind &&
    (samples.project.length < 10 || performance.now() - aloneFrom < kindSeconds * 1000)
  )
    samples.project.push(await timed(projectGet));
  return samples;
}

/**
 * Waits (at most 15 min) until Vikunja stops working on requests the bench gave up on: an aborted
 * request's query may still run and would slow both sides of the next kind.
 */
async function untilQuiet(pid: number) {
  const started = performance.now();
  for (let busy = Infinity; busy > 0.2 && performance.now() - started < 900_000; ) {
    const before = cpuSeconds([pid]);
    await Bun.sleep(2000);
    busy = cpuSeconds([pid]) - before;
  }
  say(`Vikunja quiet again after ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const idleCpu = async (pids: number[], seconds: number) => {
  const before = cpuSeconds(pids);
  await Bun.sleep(seconds * 1000);
  return cpuSeconds(pids) - before;
};

const built = await ensureVikunja();
if ("skipped" in built) {
  console.log(`bench/peer skipped: ${built.skipped}`);
  process.exit(0);
}
const startedAt = new Date().toISOString();
const startLoad = loadAverage();
const dirs = {
  project: mkdtempSync(join(tmpdir(), "bench-peer-project-")),
  vikunja: mkdtempSync(join(tmpdir(), "bench-peer-vikunja-")),
};
const tasks = corpus(taskCount);
const project = await startProject(dirs.project);
const vikunja = await startVikunja(built.binary, dirs.vikunja, vikunjaPort, LABELS).catch(async (error) => {
  project.child.kill("SIGTERM");
  throw error;
});
const pids = { project: [project.child.pid], vikunja: [vikunja.process.pid] };
const cpu = (side: keyof typeof pids) => cpuSeconds(pids[side]);
const phases: (string | number)[][] = [];
try {
  say(`both started; seeding ${taskCount} tasks`);
  let c0 = cpu("project");
  let t0 = performance.now();
  await project.seed(tasks);
  const projectSeed = { seconds: (performance.now() - t0) / 1000, cpu: cpu("project") - c0 };
  c0 = cpu("vikunja");
  t0 = performance.now();
  vikunja.seed(tasks);
  const vikunjaSeed = { seconds: (performance.now() - t0) / 1000, cpu: cpu("vikunja") - c0 };
  phases.push([
    "seeding",
    `${f1(projectSeed.cpu)} (API, ${clients} clients, ${f1(projectSeed.seconds)} s, ${(taskCount / projectSeed.seconds).toFixed(0)} tasks/s)`,
    `${f1(vikunjaSeed.cpu)} (SQL into its SQLite file, ${f1(vikunjaSeed.seconds)} s)`,
  ]);
  say("seeded; settling 20 s");
  await Bun.sleep(20_000);
  const idle = { project: await idleCpu(pids.project, 20), vikunja: await idleCpu(pids.vikunja, 0) };
  idle.vikunja = await idleCpu(pids.vikunja, 20);
  phases.push(["idle, 20 s at rest", f1(idle.project), f1(idle.vikunja)]);
  const rest = { project: processMemory(project.child.pid), vikunja: processMemory(vikunja.process.pid) };

  const label = (title: string) => vikunja.labelIds.get(title)!;
  say("checking that both answer every kind with the same tasks");
  // A kind whose answers differ is still timed, and marked: its ratio compares different work.
  const matches: Record<string, string> = {};
  const differences: string[] = [];
  const unchecked: string[] = [];
  for (const kind of KINDS) {
    const a = await projectAll(project, kind);
    const b = await vikunjaAll(vikunja, kind.vikunja(label), checkMs);
    matches[kind.name] = String(a.all.length);
    if ("unchecked" in b) {
      matches[kind.name] = `${a.all.length} (not compared: ${b.unchecked})`;
      unchecked.push(`${kind.name}: ${b.unchecked}`);
      await untilQuiet(vikunja.process.pid);
    } else if (a.all.join("\n") !== b.all.join("\n")) {
      const onlyA = a.all.filter((s) => !b.all.includes(s)).slice(0, 3);
      const onlyB = b.all.filter((s) => !a.all.includes(s)).slice(0, 3);
      differences.push(
        `${kind.name}: different tasks (project ${a.all.length}, Vikunja ${b.all.length}); only the project: ${onlyA.join(" / ")}; only Vikunja: ${onlyB.join(" / ")}`,
      );
      matches[kind.name] = `**differ**: ${a.all.length} vs ${b.all.length}`;
    } else if (kind.sortedByDue && a.firstDue.join() !== b.firstDue.join()) {
      differences.push(
        `${kind.name}: first pages differ in due order: ${a.firstDue.join()} vs ${b.firstDue.join()}`,
      );
      matches[kind.name] = `${a.all.length}, **first page differs**`;
    }
  }
  for (const difference of differences) say(`DIFFERENT ANSWERS: ${difference}`);
  for (const reason of unchecked) say(`NOT COMPARED: ${reason}`);

  say(
    `timing ${queriesPerKind} requests per kind and product, interleaved (at most ${kindSeconds} s per kind)`,
  );
  const cpuQuery = { project: cpu("project"), vikunja: cpu("vikunja") };
  const rows: (string | number)[][] = [];
  const p95s: { project: number[]; vikunja: number[] } = { project: [], vikunja: [] };
  for (const kind of KINDS) {
    const vikunjaPath = `${vikunja.tasksPath}?${kind.vikunja(label)}&per_page=50&page=1`;
    const samples = await timeKind(
      () => project.get(kind.project),
      () => vikunja.get(vikunjaPath, requestTimeoutMs),
    );
    if (samples.timedOut) await untilQuiet(vikunja.process.pid);
    const p = (side: "project" | "vikunja", q: number) => percentile(samples[side], q);
    const vikunjaP95 = samples.timedOut ? requestTimeoutMs : p("vikunja", 95);
    p95s.project.push(p("project", 95));
    p95s.vikunja.push(vikunjaP95);
    rows.push([
      kind.name,
      matches[kind.name]!,
      samples.timedOut
        ? `${samples.project.length}, Vikunja ${samples.vikunja.length} + 1 unanswered after ${requestTimeoutMs / 1000} s`
        : samples.project.length,
      `${f1(p("project", 50))} / ${f1(p("project", 95))}`,
      samples.timedOut
        ? `> ${requestTimeoutMs.toLocaleString("en")} (a request unanswered)`
        : `${f1(p("vikunja", 50))} / ${f1(p("vikunja", 95))}`,
      `${samples.timedOut ? "< " : ""}${(p("project", 95) / vikunjaP95).toFixed(2)}`,
    ]);
    say(`${kind.name}: ${rows.at(-1)!.slice(3).join(", ")}`);
  }
  phases.push([
    "query phase (all kinds)",
    f1(cpu("project") - cpuQuery.project),
    f1(cpu("vikunja") - cpuQuery.vikunja),
  ]);
  const after = { project: processMemory(project.child.pid), vikunja: processMemory(vikunja.process.pid) };

  const memoryRows = [
    [
      "at rest after seeding",
      mb(rest.project.rssKb),
      mb(rest.vikunja.rssKb),
      (rest.project.rssKb / rest.vikunja.rssKb).toFixed(1),
    ],
    [
      "after the query phase",
      mb(after.project.rssKb),
      mb(after.vikunja.rssKb),
      (after.project.rssKb / after.vikunja.rssKb).toFixed(1),
    ],
    [
      "peak (VmHWM)",
      mb(after.project.peakKb),
      mb(after.vikunja.peakKb),
      (after.project.peakKb / after.vikunja.peakKb).toFixed(1),
    ],
  ];
  const heading = `bench/peer: ${taskCount.toLocaleString("en")} tasks, one user, this project (\`npm start\`, PGlite) vs Vikunja ${VIKUNJA_COMMIT} (SQLite); ${startedAt}; Bun ${Bun.version}, ${navigator.hardwareConcurrency} cores; load average ${startLoad} at the start, ${loadAverage()} at the end`;
  const report = [
    `# bench/peer`,
    "",
    heading,
    "",
    `Command: \`node_modules/.bin/bun bench/peer/run.ts --tasks ${taskCount} --queries ${queriesPerKind} --kind-seconds ${kindSeconds} --request-timeout ${requestTimeoutMs / 1000} --check-seconds ${checkMs / 1000}\`. Each kind was first read to the end on both sides and both listed the same tasks (title, description, priority, labels, due day, done), unless Vikunja could not list them within ${checkMs / 1000} s (said in the table). Then requests alternated project, Vikunja, project… (first page of 50; a kind stops after ${kindSeconds} s once it has 10 samples, or at a Vikunja request unanswered after ${requestTimeoutMs / 1000} s).`,
    "",
    markdownTable(
      [
        "query kind",
        "matching tasks",
        "requests each",
        "project p50 / p95 ms",
        "Vikunja p50 / p95 ms",
        "p95 ratio (project / Vikunja)",
      ],
      rows,
    ),
    "",
    "Resident memory (MB):",
    "",
    markdownTable(["when", "project", "Vikunja", "ratio"], memoryRows),
    "",
    "CPU seconds per phase:",
    "",
    markdownTable(["phase", "project", "Vikunja"], phases),
    "",
    ...(differences.length > 0
      ? [
          "Kinds whose answers differed (their ratios compare different work):",
          "",
          ...differences.map((d) => `- ${d}`),
          "",
        ]
      : []),
    `![p95 per kind](${resultName}-p95.png)`,
    "",
    "The machine is shared (2 cores, other work): read the ratios, taken in one interleaved run, before the absolute numbers.",
  ].join("\n");
  console.log(`\n${report}`);
  const resultsDir = join(import.meta.dir, "..", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${resultName}.md`), `${report}\n`);
  await writePng(
    barChartSvg({
      title: `bench/peer: p95 per query kind at ${taskCount.toLocaleString("en")} tasks (ms, log)`,
      yLabel: "p95 ms (log)",
      yLog: true,
      categories: KINDS.map((k) => k.name),
      series: [
        { name: "this project (npm start)", values: p95s.project },
        { name: "Vikunja (SQLite)", values: p95s.vikunja },
      ],
    }),
    join(resultsDir, `${resultName}-p95.png`),
  );
  say(`wrote bench/results/${resultName}.md and ${resultName}-p95.png`);
  if (differences.length > 0) process.exitCode = 1;
} finally {
  project.child.kill("SIGTERM");
  await project.child.exited;
  await vikunja.stop();
  rmSync(dirs.project, { recursive: true, force: true });
  rmSync(dirs.vikunja, { recursive: true, force: true });
}
