// Once a second during the chaos run: each consumer group's lag (the topic's end offset minus the
// group's committed offset, summed over partitions; asked of the broker with kafkajs' admin client)
// and each service's unpublished outbox rows (from its own database). A sample that cannot be taken
// (broker or database down) is kept as missing: that is part of the picture.
import { Kafka, logLevel, type Admin } from "../../messaging/src/transports/kafka/kafkajs.ts";
import type { Cluster, DatabaseName } from "../lib/cluster.ts";

export const GROUP_TOPICS: Record<string, string[]> = {
  backend: ["reminders"],
  recurring: ["task-events", "reminders"],
  notifier: ["task-events", "reminders"],
};

export interface LagSample {
  at: number;
  /** lag per consumer group, undefined when the broker did not answer */
  lag: Record<string, number | undefined>;
  /** unpublished outbox rows per service, undefined when its database did not answer */
  unpublished: Record<DatabaseName, number | undefined>;
  /** why the broker's part is missing */
  error?: string;
}

async function groupLag(admin: Admin, group: string, topics: string[]): Promise<number> {
  let lag = 0;
  const committed = await admin.fetchOffsets({ groupId: group, topics });
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const at = Number(mine.find((p) => p.partition === end.partition)?.offset ?? -1);
      lag += Number(end.high) - (at < 0 ? Number(end.low) : at);
    }
  }
  return lag;
}

export function startLagSampler(cluster: Cluster, clock: () => number, siteGroup: string) {
  const samples: LagSample[] = [];
  const groups = { ...GROUP_TOPICS, [siteGroup]: ["task-updates"] };
  let admin: Admin | undefined;
  let running = true;
  const connect = async () => {
    const candidate = new Kafka({
      clientId: "chaos-lag",
      brokers: [cluster.kafka.brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      requestTimeout: 2000,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
    }).admin();
    await candidate.connect();
    return candidate;
  };
  const timeout = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms)),
    ]);
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const sample: LagSample = {
        at: clock(),
        lag: {},
        unpublished: { backend: undefined, recurring: undefined, notifier: undefined },
      };
      try {
        admin ??= await timeout(connect(), 2000);
        for (const [group, topics] of Object.entries(groups))
          sample.lag[group] = await timeout(groupLag(admin, group, topics), 2000);
      } catch (error) {
        sample.error = (error as Error).message;
        await admin?.disconnect().catch(() => {});
        admin = undefined;
      }
      await Promise.all(
        (["backend", "recurring", "notifier"] as const).map(async (db) => {
          try {
            const [row] = await timeout(
              cluster.query(db, "select count(*)::int as n from outbox where published_at is null"),
              2000,
            );
            sample.unpublished[db] = row!.n as number;
          } catch {}
        }),
      );
      samples.push(sample);
      await Bun.sleep(Math.max(0, 1000 - (performance.now() - started)));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
      await admin?.disconnect().catch(() => {});
    },
  };
}

/** Total consumer lag plus unpublished outbox rows; undefined when any part could not be read. */
export function backlog(sample: LagSample): number | undefined {
  const parts = [...Object.values(sample.lag), ...Object.values(sample.unpublished)];
  if (Object.keys(sample.lag).length === 0 || parts.some((v) => v === undefined)) return undefined;
  return parts.reduce((a, b) => a! + b!, 0);
}
