// The consuming service of the latency run, in its own process as in production: inbox, one effects
// row per event. Prints "ready", then one JSON line with, per measured event, milliseconds from the
// event's timestamp (taken just before its outbox commit) to the commit of the handler's transaction,
// and the process's CPU use from "ready" to the last event.
// Env: ADAPTER, KAFKA_BROKERS, DATABASE_URL, GROUP, EXPECTED, TIMEOUT_MS, CONCURRENCY (optional).
import { openDatabase } from "../../messaging/src/db/index.ts";
import { startConsumer } from "../../messaging/src/inbox/consume-events.ts";
import { Metrics, messagingMetrics } from "../../messaging/src/metrics/metrics.ts";
import type { Transport } from "../../messaging/src/transports/transport.ts";
import { recordingHandlers, TEST_MIGRATIONS } from "../../messaging/test/harness.ts";
import { createAdapter, type Adapter } from "./adapters.ts";

const env = process.env;
const group = env.GROUP!;
const expected = Number(env.EXPECTED);
const database = await openDatabase({
  url: env.DATABASE_URL!,
  driver: "postgres",
  migrationsFolder: TEST_MIGRATIONS,
  poolSize: 10,
});
const transport = createAdapter(
  env.ADAPTER as Adapter,
  env.KAFKA_BROKERS!,
  "bench-consumer",
  env.CONCURRENCY ? Number(env.CONCURRENCY) : undefined,
);
const metrics = messagingMetrics(new Metrics());
const latencies: number[] = [];
let seen = 0;

// startConsumer resolves onBatch after the inbox transaction committed: the moment to take the time.
const timed: Transport = {
  ...transport,
  subscribe: (options) =>
    transport.subscribe({
      ...options,
      onBatch: async (messages) => {
        await options.onBatch!(messages);
        const now = Date.now();
        for (const message of messages) {
          const event = JSON.parse(message.value) as { timestamp: string; payload: { title: string } };
          seen++;
          if (event.payload.title !== "warm-up") latencies.push(now - Date.parse(event.timestamp));
        }
      },
    }),
};
const consumer = await startConsumer({
  name: group,
  database,
  transport: timed,
  handlers: recordingHandlers(group),
  metrics,
});
console.log("ready");
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const deadline = Date.now() + Number(env.TIMEOUT_MS ?? 120_000);
while (seen < expected && Date.now() < deadline) await Bun.sleep(20);
const cpu = process.cpuUsage(cpuBefore);
const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore)) * 100;
console.log(
  JSON.stringify({
    latencies,
    seen,
    cpuPercent,
    duplicates: metrics.duplicates.get({ consumer: group, topic: "task-events" }),
  }),
);
await consumer.stop();
await transport.close();
await database.close();
process.exit(0);
