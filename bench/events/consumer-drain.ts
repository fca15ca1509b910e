// Consumer capacity: N events already in Kafka, a new group with the inbox and one effects row per
// event; events per second until all are handled. Above this rate a consumer only falls behind.
import { openDatabase } from "../../messaging/src/db/index.ts";
import { startConsumer } from "../../messaging/src/inbox/consume-events.ts";
import { Metrics, messagingMetrics } from "../../messaging/src/metrics/metrics.ts";
import { recordingHandlers, taskEvent, TEST_MIGRATIONS } from "../../messaging/test/harness.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../scripts/testing/fresh-database.ts";
import { skipToEnd } from "../../scripts/infra/kafka/skip-to-end.ts";
import { createAdapter, type Adapter } from "./adapters.ts";

export async function measureConsumerDrain(
  adapter: Adapter,
  brokers: string,
  n: number,
  concurrency?: number,
): Promise<{ rate: number; cpuPercent: number }> {
  const url = await createPostgresDatabase();
  const database = await openDatabase({
    url,
    driver: "postgres",
    migrationsFolder: TEST_MIGRATIONS,
    poolSize: 10,
  });
  const transport = createAdapter(adapter, brokers, "bench-drain", concurrency);
  await transport.ensureTopics(["task-events"]);
  const group = `bench-drain-${adapter}-${crypto.randomUUID().slice(0, 8)}`;
  await skipToEnd(brokers, group, "task-events");
  const tasks = Array.from({ length: 100 }, () => crypto.randomUUID());
  const events = Array.from({ length: n }, (_, i) => taskEvent(tasks[i % tasks.length]!));
  for (let i = 0; i < n; i += 500) {
    await transport.publish(
      events.slice(i, i + 500).map((e) => ({
        topic: "task-events",
        key: e.task_id,
        value: JSON.stringify(e),
        headers: { event_id: e.event_id },
      })),
    );
  }
  const metrics = messagingMetrics(new Metrics());
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const consumer = await startConsumer({
    name: group,
    database,
    transport,
    handlers: recordingHandlers(group),
    metrics,
  });
  while (metrics.consumed.get({ consumer: group, topic: "task-events" }) < n) await Bun.sleep(5);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await consumer.stop();
  await transport.close();
  await database.close();
  await dropPostgresDatabase(url);
  return { rate: n / (ms / 1000), cpuPercent: ((cpu.user + cpu.system) / 1000 / ms) * 100 };
}
