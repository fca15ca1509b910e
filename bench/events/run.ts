// bench/events: the Kafka adapters (kafkajs, @platformatic/kafka) under the outbox relay and the inbox
// consumer, against a real Kafka broker and a real PostgreSQL started here. Measured:
//   relay throughput   N committed outbox rows drained by startRelay, vs the bare producer (same settings)
//   consumer capacity  events per second a consumer (inbox + one effects row) handles from a backlog
//   latency            a paced stream of one-event commits, commit -> consumer's inbox commit
//   relay wake-up      whether NOTIFY gets every commit published at once
//   idle CPU           a connected producer + consumer doing nothing
// A size of 0 skips its measurement (--events 0, --seconds 0, --low-seconds 0, --poll-seconds 0, --idle-seconds 0, --wakeup-pairs 0, --drain-events 0).
// Usage: bun bench/events/run.ts [--adapters kafkajs,platformatic] [--events 20000] [--batch 500] [--drivers postgres,pglite]
//          [--rate 1000] [--seconds 20] [--writers 16] [--concurrency N] [--low-rate 100] [--low-seconds 15] [--poll-seconds 10] [--idle-seconds 10] [--wakeup-pairs 200] [--drain-events 10000] [--out bench/results/events.md]
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase, type Database } from "../../messaging/src/db/index.ts";
import { TEST_MIGRATIONS } from "../../messaging/test/harness.ts";
import { KAFKA_VERSION, startKafka } from "../../scripts/infra/kafka.ts";
import { startPostgres } from "../../scripts/infra/postgres.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../scripts/testing/fresh-database.ts";
import { loadAverage } from "../lib/cpu.ts";
import { markdownTable, percentile } from "../lib/stats.ts";
import { MAX_BATCH } from "../../messaging/src/transports/transport.ts";
import { ADAPTERS, type Adapter } from "./adapters.ts";
import { measureConsumerDrain } from "./consumer-drain.ts";
import { measureLatency, type LatencyResult } from "./latency.ts";
import { makeEvents, seedOutbox, timeBareProducer, timeRelay } from "./relay-throughput.ts";
import { measureWakeups } from "./relay-wakeup.ts";
import { arg } from "../lib/args.ts";

const adapters = arg("adapters", ADAPTERS.join(",")).split(",") as Adapter[];
const events = Number(arg("events", "20000"));
const batch = Number(arg("batch", "500"));
const drivers = arg("drivers", "postgres,pglite").split(",").filter(Boolean);
const rate = Number(arg("rate", "1000"));
const seconds = Number(arg("seconds", "20"));
const lowRate = Number(arg("low-rate", "100"));
const lowSeconds = Number(arg("low-seconds", "15"));
const pollSeconds = Number(arg("poll-seconds", "10"));
const idleSeconds = Number(arg("idle-seconds", "10"));
const writers = Number(arg("writers", "16"));
const wakeupPairs = Number(arg("wakeup-pairs", "200"));
const drainEvents = Number(arg("drain-events", "10000"));
const concurrency = process.argv.includes("--concurrency") ? Number(arg("concurrency", "3")) : undefined;
const out = arg("out", join(import.meta.dir, "..", "results", "events.md"));

const benchStarted = performance.now();
const loadBefore = loadAverage();
const say = (line: string) =>
  console.error(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const [kafka, pg] = await Promise.all([startKafka(), startPostgres()]);
process.env.TEST_DATABASE_URL = pg.url; // createPostgresDatabase() makes its databases on this server
const brokers = kafka.brokers;
const sections: string[] = [];
const tag = () => crypto.randomUUID().slice(0, 8);

try {
  // 1. Relay throughput against the bare producer.
  const throughput: (string | number)[][] = [];
  for (const adapter of events > 0 ? adapters : []) {
    const payloads = makeEvents(events);
    const bare = await timeBareProducer(adapter, brokers, `bench-bare-${adapter}-${tag()}`, payloads, batch);
    say(`${adapter}: bare producer ${bare.toFixed(0)} events/s`);
    for (const driver of drivers) {
      const { database, drop } = await openFresh(driver);
      const topic = `bench-relay-${adapter}-${driver}-${tag()}`;
      await seedOutbox(database, topic, payloads);
      const relay = await timeRelay(adapter, brokers, database, topic, events, batch);
      await drop();
      say(`${adapter}: relay on ${driver} ${relay.toFixed(0)} events/s`);
      throughput.push([adapter, driver, relay.toFixed(0), bare.toFixed(0), (relay / bare).toFixed(2)]);
    }
  }
  if (throughput.length > 0)
    sections.push(
      `## Relay throughput: ${events.toLocaleString("en")} committed outbox events, batches of ${batch}\n\n` +
        "The backlog is committed first; the clock runs from `startRelay()` until every row is published and marked. The bare producer is the library itself, " +
        "same settings (idempotent, acks all, gzip), sending the same messages batch after batch. Target: relay / bare >= 0.5.\n\n" +
        markdownTable(
          ["adapter", "database", "relay events/s", "bare producer events/s", "relay / bare"],
          throughput,
        ),
    );

  // 2. Consumer capacity: the rate above which a consumer only falls behind.
  const drain: (string | number)[][] = [];
  for (const adapter of drainEvents > 0 ? adapters : []) {
    const { rate: handled, cpuPercent } = await measureConsumerDrain(
      adapter,
      brokers,
      drainEvents,
      concurrency,
    );
    say(`${adapter}: consumer drains ${handled.toFixed(0)} events/s`);
    drain.push([adapter, concurrency ?? 3, handled.toFixed(0), cpuPercent.toFixed(0)]);
  }
  if (drain.length > 0)
    sections.push(
      `## Consumer capacity: ${drainEvents.toLocaleString("en")} events waiting in Kafka\n\n` +
        `A new group handles the backlog through \`startConsumer\` (one inbox transaction per batch of a partition's consecutive events, up to ${MAX_BATCH}; one inbox row + one effects row per event, PostgreSQL). Offered a higher steady rate, a consumer falls behind and latency grows without bound.\n\n` +
        markdownTable(["adapter", "partitions at once", "handled events/s", "CPU % of one core"], drain),
    );

  // 3. Commit-to-handled latency.
  const latency: (string | number)[][] = [];
  const runs = [
    ...(seconds > 0
      ? adapters.map((adapter) => ({ adapter, rate, seconds, notify: true, label: `${rate}/s, NOTIFY` }))
      : []),
    ...(lowSeconds > 0
      ? adapters.map((adapter) => ({
          adapter,
          rate: lowRate,
          seconds: lowSeconds,
          notify: true,
          label: `${lowRate}/s, NOTIFY`,
        }))
      : []),
    ...(pollSeconds > 0
      ? [
          {
            adapter: adapters[0]!,
            rate: lowRate,
            seconds: pollSeconds,
            notify: false,
            label: `${lowRate}/s, LISTEN off (500 ms poll only)`,
          },
        ]
      : []),
  ];
  for (const run of runs) {
    const result = await measureLatency({ ...run, brokers, writers, concurrency });
    say(
      `${run.adapter} ${run.label}: p50 ${percentile(result.handled, 50).toFixed(0)} ms, p99 ${percentile(result.handled, 99).toFixed(0)} ms`,
    );
    latency.push(latencyRow(run.adapter, run.label, run.seconds, result));
  }
  if (latency.length > 0)
    sections.push(
      `## Commit to handled: one event per writer transaction, paced\n\n` +
        `Per event, from just before its outbox commit (${writers} concurrent writers) to the commit of the consumer's inbox transaction (another process; a batch of whatever has arrived per partition, inbox + one effects row per event; ${concurrency ?? "the adapter's default of 3"} partitions at once). ` +
        "`published` is commit to the relay's publish acknowledged. The relay runs with its default `pollMs` (500); NOTIFY on commit wakes it. Target: p99 < 100 ms.\n\n" +
        markdownTable(
          [
            "adapter",
            "load",
            "events",
            "achieved /s",
            "published p50 / p99 ms",
            "handled p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "> 100 ms",
            "duplicates",
            "CPU % writer+relay / consumer",
          ],
          latency,
        ),
    );

  // 4. Does NOTIFY wake the relay for every commit?
  if (wakeupPairs > 0) {
    const { database, drop } = await openFresh("postgres");
    const wakeups = await measureWakeups(database, wakeupPairs);
    await drop();
    const row = (label: string, ms: number[]) => [
      label,
      ms.length,
      percentile(ms, 50).toFixed(1),
      percentile(ms, 99).toFixed(0),
      Math.max(...ms).toFixed(0),
      ms.filter((v) => v > 300).length,
    ];
    sections.push(
      `## Relay wake-up: is every commit published at once?\n\n` +
        "One-event commits with the relay idle, and one-event commits made 0-5 ms after the relay published the previous event (while it marks that batch and looks for more). " +
        "In-process transport and PostgreSQL LISTEN/NOTIFY; relay `pollMs` 500 (default). A commit that waits ~500 ms was found by the poll, not by its NOTIFY.\n\n" +
        markdownTable(
          ["commit made", "events", "commit → published p50 ms", "p99 ms", "max ms", "> 300 ms"],
          [row("relay idle", wakeups.idle), row("0-5 ms after a publish", wakeups.afterPublish)],
        ),
    );
    say("relay wake-up measured");
  }

  // 5. Idle CPU, each adapter in its own process (run side by side: they are idle).
  const idle = await Promise.all(
    (idleSeconds > 0 ? ["none", ...adapters] : []).map(async (adapter) => {
      const child = Bun.spawn(
        [process.execPath, join(import.meta.dir, "idle-process.ts"), adapter, brokers, String(idleSeconds)],
        { env: { ...process.env }, stdout: "pipe", stderr: "inherit" },
      );
      const text = await new Response(child.stdout).text();
      if ((await child.exited) !== 0)
        throw new Error(`idle ${adapter}: the process failed (exit ${child.exitCode}): ${text}`);
      const { cpuMs, wallMs } = JSON.parse(text.trim().split("\n").at(-1)!) as {
        cpuMs: number;
        wallMs: number;
      };
      return [
        adapter === "none" ? "none (Bun process, no Kafka client)" : adapter,
        cpuMs.toFixed(0),
        ((cpuMs / wallMs) * 100).toFixed(2),
      ];
    }),
  );
  if (idle.length > 0)
    sections.push(
      `## Idle CPU: a connected producer and consumer, ${idleSeconds} s of nothing\n\n` +
        markdownTable(["adapter", "CPU ms", "% of one core"], idle),
    );
} catch (error) {
  // Keep what was measured; say what broke.
  console.error(error);
  sections.push(`## The run stopped early\n\n\`${(error as Error).message.split("\n")[0]}\``);
  process.exitCode = 1;
} finally {
  await Promise.all([kafka.stop(), pg.stop()]);
}

function latencyRow(adapter: string, label: string, secs: number, r: LatencyResult): (string | number)[] {
  const p = (q: number) => percentile(r.handled, q).toFixed(0);
  return [
    adapter,
    `${label}, ${secs} s`,
    r.sent,
    r.achievedRate.toFixed(0),
    `${percentile(r.published, 50).toFixed(1)} / ${percentile(r.published, 99).toFixed(0)}`,
    p(50),
    p(95),
    p(99),
    Math.max(...r.handled).toFixed(0),
    r.handled.filter((ms) => ms > 100).length,
    r.duplicates,
    `${r.relayCpu.toFixed(0)} / ${r.consumerCpu.toFixed(0)}`,
  ];
}

async function openFresh(driver: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (driver === "pglite") {
    const database = await openDatabase({ driver: "pglite", migrationsFolder: TEST_MIGRATIONS });
    return { database, drop: () => database.close() };
  }
  const url = await createPostgresDatabase();
  const database = await openDatabase({
    driver: "postgres",
    url,
    migrationsFolder: TEST_MIGRATIONS,
    poolSize: 10,
  });
  const drop = async () => {
    await database.close();
    await dropPostgresDatabase(url);
  };
  return { database, drop };
}

const date = new Date().toISOString().slice(0, 10);
const command = `node_modules/.bin/bun bench/events/run.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
const report = [
  `# bench/events — ${date}`,
  `Command: \`${command}\` (${navigator.hardwareConcurrency} cores, shared with the broker and PostgreSQL; Bun ${Bun.version}, Apache Kafka ${KAFKA_VERSION} single broker, topics of 6 partitions; load average before the run ${loadBefore}; whole run ${((performance.now() - benchStarted) / 1000).toFixed(0)} s).`,
  ...sections,
].join("\n\n");
console.log(`\n${report}`);
writeFileSync(out, `${report}\n`);
say(`wrote ${out}`);
