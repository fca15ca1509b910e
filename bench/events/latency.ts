// Commit-to-handled latency under a steady paced load: small transactions commit one event each
// through the outbox; the relay (woken by NOTIFY, polling every 500 ms by default) publishes them;
// a consumer in another process handles each in its inbox transaction.
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type Database } from "../../messaging/src/db/index.ts";
import { Metrics, messagingMetrics } from "../../messaging/src/metrics/metrics.ts";
import { startRelay } from "../../messaging/src/relay/outbox-relay.ts";
import { systemClock } from "../../messaging/src/support/clock.ts";
import type { Transport } from "../../messaging/src/transports/transport.ts";
import { commitEvents, taskEvent, TEST_MIGRATIONS } from "../../messaging/test/harness.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../scripts/testing/fresh-database.ts";
import { skipToEnd } from "../../scripts/infra/kafka/skip-to-end.ts";
import { createAdapter, type Adapter } from "./adapters.ts";

export interface LatencyRun {
  adapter: Adapter;
  brokers: string;
  rate: number; // events per second
  seconds: number;
  /** false: the relay's LISTEN is refused, so only its 500 ms poll finds new rows. */
  notify: boolean;
  /** Concurrent writers, as concurrent requests would be; each commit is its own transaction. */
  writers: number;
  /** Partitions the consumer works on at once; undefined keeps the adapter's default. */
  concurrency?: number;
}

export interface LatencyResult {
  sent: number;
  achievedRate: number;
  /** ms from just before the outbox commit to the consumer's inbox commit, per event. */
  handled: number[];
  /** ms from just before the outbox commit to the relay's publish being acknowledged, per event. */
  published: number[];
  duplicates: number;
  /** CPU of the writing and relaying process, and of the consuming process, in % of one core. */
  relayCpu: number;
  consumerCpu: number;
}

const WARM_UP = 20;

export async function measureLatency(run: LatencyRun): Promise<LatencyResult> {
  const url = await createPostgresDatabase();
  const database = await openDatabase({
    url,
    driver: "postgres",
    migrationsFolder: TEST_MIGRATIONS,
    poolSize: 10,
  });
  const transport = createAdapter(run.adapter, run.brokers, "bench-relay");
  await transport.ensureTopics(["task-events"]);
  const group = `bench-latency-${run.adapter}-${crypto.randomUUID().slice(0, 8)}`;
  await skipToEnd(run.brokers, group, "task-events");
  const sent = Math.round(run.rate * run.seconds);
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "consumer-process.ts")], {
    env: {
      ...process.env,
      ADAPTER: run.adapter,
      KAFKA_BROKERS: run.brokers,
      DATABASE_URL: url,
      GROUP: group,
      EXPECTED: String(sent + WARM_UP),
      TIMEOUT_MS: String((run.seconds + 60) * 1000),
      ...(run.concurrency ? { CONCURRENCY: String(run.concurrency) } : {}),
    },
    stdout: "pipe",
    stderr: "inherit",
  });
  const lines = readLines(child.stdout);
  if ((await lines.next()).value !== "ready") throw new Error("the consumer process did not start");

  const commitStarted = new Map<string, number>();
  const published: number[] = [];
  const timed: Transport = {
    ...transport,
    publish: async (messages) => {
      await transport.publish(messages);
      const now = performance.now();
      for (const m of messages) {
        const started = commitStarted.get(m.headers.event_id ?? "");
        if (started !== undefined) published.push(now - started);
      }
    },
  };
  const relayDatabase: Database = run.notify
    ? database
    : { ...database, listen: () => Promise.reject(new Error("switched off for this run")) };
  const relay = startRelay({
    database: relayDatabase,
    transport: timed,
    clock: systemClock,
    metrics: messagingMetrics(new Metrics()),
  });

  // Connections, producer id and group join settle before anything is measured.
  const tasks = Array.from({ length: 100 }, () => crypto.randomUUID());
  for (let i = 0; i < WARM_UP; i++) {
    await commitEvents(database.db, [
      taskEvent(tasks[i % tasks.length]!, { payload: { ...taskEvent("x").payload, title: "warm-up" } }),
    ]);
    await Bun.sleep(10);
  }
  while (
    rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from effects`))[0]!.n <
    WARM_UP
  )
    await Bun.sleep(20);

  const interval = 1000 / run.rate;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: run.writers }, async (_, writer) => {
      for (let i = writer; i < sent; i += run.writers) {
        const wait = started + i * interval - performance.now();
        if (wait > 0) await Bun.sleep(wait);
        const event = taskEvent(tasks[i % tasks.length]!); // its timestamp is taken here, just before the commit
        commitStarted.set(event.event_id, performance.now());
        await commitEvents(database.db, [event]);
      }
    }),
  );
  const achievedRate = sent / ((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const relayCpu = ((cpu.user + cpu.system) / 1000 / (performance.now() - started)) * 100;

  const result = JSON.parse((await lines.next()).value ?? "{}") as {
    latencies?: number[];
    seen?: number;
    duplicates?: number;
    cpuPercent?: number;
  };
  await child.exited;
  await relay.stop();
  await transport.close();
  await database.close();
  await dropPostgresDatabase(url);
  if (!result.latencies || result.latencies.length < sent)
    throw new Error(`the consumer handled ${result.latencies?.length ?? 0} of ${sent} events`);
  return {
    sent,
    achievedRate,
    handled: result.latencies,
    published,
    duplicates: result.duplicates ?? 0,
    relayCpu,
    consumerCpu: result.cpuPercent ?? NaN,
  };
}

async function* readLines(stream: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      yield buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
    }
  }
  if (buffered) yield buffered;
}
