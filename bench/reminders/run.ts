// bench/reminders: reminder lateness (target time -> notification stored by the notifier) on the
// embedded default and over Kafka, and how long 10,000 reminders due at the same instant take to
// be delivered. Real time throughout: reminders are created through the public API a few seconds
// ahead, and the services' own timestamps are read from their databases afterwards.
// Targets (the issue): p99 lateness < 500 ms; a burst of 10,000 all stored within 60 s of their target.
// The burst is created through the API when that fits in --api-budget seconds at the rate the API
// took in the warm-up's tasks; otherwise (the embedded default) its rows are written directly
// (seed-burst.ts) and the report says so.
// Usage: bun bench/reminders/run.ts [--shapes embedded,kafka] [--reminders 200] [--spread 20] [--lead auto|SECONDS]
//          [--burst 10000] [--burst-via auto|api|seed] [--api-budget 90] [--burst-lead auto|SECONDS] [--seed-lead 30]
//          [--warmup 48] [--concurrency 16] [--timeout 120] [--partitions 6] [--out bench/results/reminders.md]
// A size of 0 skips its phase (--reminders 0, --burst 0).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_BATCH } from "../../messaging/src/transports/transport.ts";
import { KAFKA_VERSION } from "../../scripts/infra/kafka.ts";
import { FIRE_BATCH } from "../../services/recurring/src/schedules/fire-job.ts";
import { loadAverage } from "../lib/cpu.ts";
import { markdownTable, percentile } from "../lib/stats.ts";
import { runBurst, runLateness, warmUp, type BurstResult, type PhaseResult } from "./phases.ts";
import { startDistributed, startEmbedded, type Shape, type ShapeName } from "./shapes.ts";
import { pair, progress, readJourneys, summarise, type Journey } from "./stages.ts";
import { arg } from "../lib/args.ts";

const shapes = arg("shapes", "embedded,kafka").split(",").filter(Boolean) as ShapeName[];
const reminders = Number(arg("reminders", "200"));
const spread = Number(arg("spread", "20"));
const lead = arg("lead", "auto");
const burst = Number(arg("burst", "10000"));
const burstVia = arg("burst-via", "auto");
const apiBudget = Number(arg("api-budget", "90"));
const burstLead = arg("burst-lead", "auto");
const seedLead = Number(arg("seed-lead", "30"));
const warmupTasks = Number(arg("warmup", "48"));
const concurrency = Number(arg("concurrency", "16"));
const timeout = Number(arg("timeout", "120"));
const partitions = Number(arg("partitions", "6"));
const out = arg("out", join(import.meta.dir, "..", "results", "reminders.md"));

const benchStarted = performance.now();
const loadBefore = loadAverage();
const say = (line: string) =>
  console.error(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const seconds = (msValue: number | undefined) =>
  msValue === undefined || Number.isNaN(msValue) ? "-" : `${(msValue / 1000).toFixed(1)} s`;

interface ShapeRun {
  shape: Shape;
  /** reminders per second `POST /api/tasks` took in during the warm-up */
  createRate: number;
  lateness?: { phase: PhaseResult; journeys: Journey[]; lead: number };
  burst?: { phase: BurstResult; journeys: Journey[]; lead: number };
  error?: string;
}

async function runShape(name: ShapeName): Promise<ShapeRun> {
  say(`${name}: starting`);
  const shape = name === "embedded" ? await startEmbedded() : await startDistributed({ partitions });
  const run: ShapeRun = { shape, createRate: NaN };
  let lateness: PhaseResult | undefined;
  let latenessLead = 0;
  let burstPhase: BurstResult | undefined;
  let leadUsed = 0;
  try {
    run.createRate = await warmUp(shape, warmupTasks, concurrency);
    say(`${name}: warmed up; the API took in ${run.createRate.toFixed(0)} reminders/s`);
    if (reminders > 0) {
      // All created, and taken in by every consumer, before the first falls due.
      latenessLead = lead === "auto" ? Math.ceil((1.5 * reminders) / run.createRate + 3) : Number(lead);
      lateness = await runLateness(shape, {
        count: reminders,
        spreadSeconds: spread,
        leadSeconds: latenessLead,
        concurrency,
      });
    }
    if (burst > 0) {
      const via =
        burstVia === "auto"
          ? burst / run.createRate <= apiBudget
            ? "api"
            : "seed"
          : (burstVia as "api" | "seed");
      // Through the API: long enough to create the burst and for every consumer to take in its
      // events (they keep up with the API here); the run reports the margin it really had.
      leadUsed =
        burstLead !== "auto"
          ? Number(burstLead)
          : via === "seed"
            ? seedLead
            : Math.ceil((1.25 * burst) / run.createRate + 10);
      burstPhase = await runBurst(shape, {
        count: burst,
        via,
        leadSeconds: leadUsed,
        concurrency,
        timeoutSeconds: timeout,
      });
    }
  } catch (error) {
    console.error(error);
    run.error = (error as Error).message.split("\n")[0];
  }
  await shape.stopServices();
  try {
    if (lateness)
      run.lateness = {
        phase: lateness,
        journeys: await readJourneys(shape.query, lateness.userId),
        lead: latenessLead,
      };
    if (burstPhase)
      run.burst = {
        phase: burstPhase,
        journeys: await readJourneys(shape.query, burstPhase.userId),
        lead: leadUsed,
      };
  } finally {
    await shape.cleanup();
  }
  return run;
}

// The delivery side's own pace: once the recurring service has published its last fire, the
// notifier (and, embedded, everything else in the process) works on the backlog alone.
function storedAfterFiring(journeys: Journey[]): string {
  const lastPublished = Math.max(
    ...journeys.flatMap((j) => (j.published === undefined ? [] : [j.published])),
  );
  const after = journeys.flatMap((j) =>
    j.stored !== undefined && j.stored > lastPublished ? [j.stored] : [],
  );
  if (after.length < 200) return `${after.length} stored after the last was published`;
  return `${after.length} stored after the last was published, at ${(after.length / ((Math.max(...after) - lastPublished) / 1000)).toFixed(0)}/s`;
}

const runs: ShapeRun[] = [];
for (const name of shapes) runs.push(await runShape(name));

const sections: string[] = [];
sections.push(
  `## Taking reminders in: \`POST /api/tasks\` with a \`reminder_time\`\n\n` +
    `${warmupTasks} tasks created right after start-up, ${concurrency} requests at a time, from the first request to the last response (the consumers taking their events in meanwhile: ` +
    "in the embedded default they share the one process). This rate decides how far ahead the phases below schedule, and whether the burst is created through the API.\n\n" +
    markdownTable(
      ["shape", "reminders per second", `${burst.toLocaleString("en")} would take`],
      runs.map((r) => [r.shape.name, r.createRate.toFixed(0), `${(burst / r.createRate).toFixed(0)} s`]),
    ),
);

const latenessRuns = runs.filter((r) => r.lateness);
if (latenessRuns.length > 0) {
  sections.push(
    `## Lateness: ${reminders} reminders spread over ${spread} s\n\n` +
      `Each reminder is a task created through \`POST /api/tasks\` with a \`reminder_time\` between *lead* and *lead* + ${spread} s ahead (${concurrency} requests at a time). ` +
      "*Scheduled* is when every consumer had taken them in, relative to the first target (negative: before it). " +
      "Lateness is the notifier's `delivered_at` minus the target time. It splits into *fire* (target to the recurring service's `jobs.fired_at`: the scheduler waking up), " +
      "*publish* (to `outbox.published_at`: the fire transaction committing and the relay publishing) and *deliver* (to `delivered_at`: the transport and the notifier's consumer). Target: p99 < 500 ms.\n\n" +
      markdownTable(
        [
          "shape",
          "lead",
          "scheduled",
          "stored / created",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "max ms",
          "p99 < 500 ms",
          "fire p50 / p99 ms",
          "publish p50 / p99 ms",
          "deliver p50 / p99 ms",
          "notifier transaction ms (mean, wall)",
        ],
        latenessRuns.map(({ shape, lateness: l }) => {
          const s = summarise(l!.journeys);
          const p = (q: number) => (s.lateness.length ? percentile(s.lateness, q).toFixed(0) : "-");
          const ok =
            s.stored === l!.phase.created && s.lateness.length > 0 && percentile(s.lateness, 99) < 500;
          const margin = l!.phase.scheduledMarginMs;
          return [
            shape.name,
            `${l!.lead} s`,
            margin === undefined
              ? "**timed out**"
              : margin <= 0
                ? seconds(margin)
                : `**+${seconds(margin)}**`,
            `${s.stored} / ${l!.phase.created}`,
            p(50),
            p(95),
            p(99),
            s.lateness.length ? Math.max(...s.lateness).toFixed(0) : "-",
            ok ? "yes" : "**no**",
            pair(s.fire),
            pair(s.publish),
            pair(s.deliver),
            l!.phase.notifierHandlerMs.toFixed(1),
          ];
        }),
      ),
  );
}

const burstRuns = runs.filter((r) => r.burst);
if (burstRuns.length > 0) {
  sections.push(
    `## Burst: ${burst.toLocaleString("en")} reminders due at the same instant\n\n` +
      `One user's ${burst.toLocaleString("en")} reminders, all with the same target, a whole second far enough ahead for them to be in place first. ` +
      `*api*: created through \`POST /api/tasks\` (${concurrency} requests at a time); *seeded*: when the API would take longer than ${apiBudget} s, the rows the API path leaves behind ` +
      "(the recurring service's scheduled job, the notifier's projection of the pending task) are written into the services' databases directly; the embedded default is stopped for that and started again on the same data. " +
      "*Scheduled* is when every consumer had them (seeded: when the services were back and warm), relative to the target. " +
      "The clock then runs from the target until the notifier has handled every `reminder.fired`. Meanwhile the backend's `GET /healthz` (no database) is asked once a second: " +
      "*healthz* is how long those answers took (p50 / longest), what any page of the product would wait. Target: all stored within 60 s of their target.\n\n" +
      markdownTable(
        [
          "shape",
          "reminders put in place",
          "scheduled",
          "stored / created",
          "first stored",
          "last stored",
          "stored per second",
          "lateness p50 / p99",
          "all within 60 s",
          "healthz p50 / longest ms",
        ],
        burstRuns.map(({ shape, burst: b }) => {
          const s = summarise(b!.journeys);
          const stored = progress(b!.journeys, (j) => j.stored, b!.phase.target);
          const allIn = s.stored === b!.phase.created && stored.last <= 60;
          const margin = b!.phase.scheduledMarginMs;
          const made =
            b!.phase.via === "api"
              ? `api: ${b!.phase.created} in ${b!.phase.createSeconds.toFixed(1)} s (${(b!.phase.created / b!.phase.createSeconds).toFixed(0)}/s)${b!.phase.failures.length ? `, ${b!.phase.failures.length} failed` : ""}`
              : `seeded in ${b!.phase.createSeconds.toFixed(1)} s`;
          return [
            shape.name,
            made,
            margin === undefined
              ? "**not within the timeout**"
              : margin <= 0
                ? `${seconds(-margin)} before (lead ${b!.lead} s)`
                : `**${seconds(margin)} after** (lead ${b!.lead} s)`,
            `${s.stored} / ${b!.phase.created}`,
            `${stored.first.toFixed(1)} s`,
            `${stored.last.toFixed(1)} s`,
            (s.stored / Math.max(1e-3, stored.last)).toFixed(0),
            `${pair(s.lateness, "s")} s`,
            allIn ? "yes" : "**no**",
            b!.phase.healthzWaits.length
              ? `${percentile(b!.phase.healthzWaits, 50).toFixed(0)} / ${Math.max(...b!.phase.healthzWaits).toFixed(0)} (${b!.phase.healthzWaits.length} asked)`
              : "-",
          ];
        }),
      ),
  );
  sections.push(
    `## Where the burst's time goes\n\n` +
      "Seconds after the target at which each stage had done its first, half and all of the reminders, from the services' own timestamps. " +
      `*fired*: \`jobs.fired_at\` (the embedded scheduler claims at most ${FIRE_BATCH} due jobs per transaction, \`FOR UPDATE SKIP LOCKED\`, and stamps the batch with one instant); ` +
      "*published*: the recurring service's `outbox.published_at` (its relay publishes up to 500 rows per batch, woken by NOTIFY, else a 500 ms poll); " +
      `*stored*: the notifier's \`delivered_at\` (one inbox transaction per batch of up to ${MAX_BATCH} consecutive events of a partition). The rate is reminders per second between that stage's first and last.\n\n` +
      markdownTable(
        ["shape", "stage", "first", "half", "all", "per second", "note"],
        burstRuns.flatMap(({ shape, burst: b }) => {
          const s = summarise(b!.journeys);
          const t = b!.phase.target;
          const row = (stage: string, at: (j: Journey) => number | undefined, note: string) => {
            const p = progress(b!.journeys, at, t);
            return [
              shape.name,
              stage,
              `${p.first.toFixed(1)} s`,
              `${p.half.toFixed(1)} s`,
              `${p.last.toFixed(1)} s`,
              p.perSecond.toFixed(0),
              note,
            ];
          };
          return [
            row(
              "fired",
              (j) => j.fired,
              `${s.fireBatches} scheduler transactions of up to ${FIRE_BATCH} jobs, ${s.fireBatchMs.toFixed(0)} ms apart (median): ${(s.fireBatchMs / FIRE_BATCH).toFixed(1)} ms per job`,
            ),
            row(
              "published",
              (j) => j.published,
              `${s.publishBatches} relay batches; fired to published p50 / p99 ${pair(s.publish, "s")} s (includes waiting for the fire transaction to commit)`,
            ),
            row(
              "stored",
              (j) => j.stored,
              `published to stored p50 / p99 ${pair(s.deliver, "s")} s; ${b!.phase.notifierHandlerMs.toFixed(1)} ms of notifier transaction per event (mean, wall); ${storedAfterFiring(b!.journeys)}`,
            ),
          ];
        }),
      ),
  );
}

const cpuRows = runs.flatMap(({ shape, lateness: l, burst: b }) =>
  [
    ["lateness (first target to last stored)", l?.phase.cpu],
    ["burst (target to last stored)", b?.phase.cpu],
  ].flatMap(([phase, cpu]) => {
    if (!cpu || typeof cpu === "string") return [];
    return [
      ...Object.entries(cpu.percentOfOneCore).map(([name, pct]) => [
        shape.name,
        phase as string,
        name,
        pct.toFixed(0),
      ]),
      [
        shape.name,
        phase as string,
        `machine, ${cpu.wallSeconds.toFixed(0)} s`,
        `${cpu.machineBusyPercent.toFixed(0)}% of all cores busy`,
      ],
    ];
  }),
);
if (cpuRows.length > 0) {
  sections.push(
    `## CPU\n\n` +
      `Percent of one core per process (with its children) over each phase's delivery window; the machine has ${navigator.hardwareConcurrency} cores, shared with other work, so *machine* counts every tenant.\n\n` +
      markdownTable(["shape", "phase", "process", "% of one core"], cpuRows),
  );
}

for (const run of runs.filter((r) => r.error))
  sections.push(`## ${run.shape.name}: the run stopped early\n\n\`${run.error}\``);
if (runs.some((r) => r.error)) process.exitCode = 1;

const date = new Date().toISOString().slice(0, 10);
const command = `node_modules/.bin/bun bench/reminders/run.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
const report = [
  `# bench/reminders — ${date}`,
  `Command: \`${command}\` (${navigator.hardwareConcurrency} cores, shared; Bun ${Bun.version}; load average before the run ${loadBefore}, after ${loadAverage()}; whole run ${((performance.now() - benchStarted) / 1000).toFixed(0)} s). Shapes:\n\n` +
    runs
      .map(
        (r) =>
          `- **${r.shape.name}**: ${r.shape.description}${r.shape.name === "kafka" ? ` (Apache Kafka ${KAFKA_VERSION})` : ""}`,
      )
      .join("\n"),
  ...sections,
].join("\n\n");
console.log(`\n${report}`);
writeFileSync(out, `${report}\n`);
say(`wrote ${out}`);
