import { join } from "node:path";
import { batchSize } from "../../support/background.ts";
import { yieldToEventLoop } from "../../support/yield-to-event-loop.ts";
import {
  batchHandlerOf,
  type Delivered,
  type Message,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from "../transport.ts";
import { GroupOffsets } from "./group-offsets.ts";
import { type LogEntry, MemoryLog } from "./memory-log.ts";

export interface MemoryTransportOptions {
  /** Where the log and the groups' offsets live; undefined keeps everything in memory (tests). */
  dir?: string;
  partitions?: number;
  /** First wait before redelivering a message whose handler threw; doubles up to 5 s. */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 5000;
/**
 * Most messages in one batch here: 25, and 5 while requests are about (`batchSize`). The in-process
 * log shares its process and its one database with the requests: a batch is one transaction that
 * holds the database while it runs, so a read that comes in waits for it.
 */
const MEMORY_BATCH = 25;
const MEMORY_BATCH_WITH_REQUESTS = 5;

/**
 * The in-process transport of the embedded default. Like Kafka it keeps an append-only log per
 * topic partition (`MemoryLog`) and a committed offset per consumer group (`GroupOffsets`), so
 * delivery is at least once and in order per key. With a `dir` the log and offsets are files, so
 * events published before a crash or restart are still delivered after it (a consumer may see some
 * twice; the inbox absorbs them).
 * @example
 * const transport = createMemoryTransport({ dir: ".data/events" });
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): Transport {
  const partitions = options.partitions ?? 3;
  const offsets = new GroupOffsets(options.dir ? join(options.dir, "offsets.json") : undefined);
  const log = new MemoryLog({
    dir: options.dir,
    partitions,
    consumedBefore: (t) => offsets.consumedBefore(t),
  });
  const activeGroups = new Set<string>();
  let closed = false;
  const reader = { log, offsets, retryDelayMs: options.retryDelayMs ?? 100 };
  return {
    kind: "memory",
    async publish(messages: Message[]) {
      if (closed) throw new Error("memory transport is closed");
      log.append(messages);
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      if (activeGroups.has(subscription.group))
        throw new Error(`group ${subscription.group} already has a consumer in this process`);
      activeGroups.add(subscription.group);
      let running = true;
      const loops = subscription.topics.flatMap((topic) =>
        Array.from({ length: partitions }, (_, p) =>
          consumePartition(reader, subscription, topic, p, () => running && !closed),
        ),
      );
      return {
        async stop() {
          running = false;
          for (const topic of subscription.topics) log.wake(topic);
          await Promise.all(loops);
          activeGroups.delete(subscription.group);
          offsets.flush();
        },
      };
    },
    async ensureTopics(names: string[]) {
      for (const name of names) log.ensure(name);
    },
    ready: async () => !closed,
    async close() {
      closed = true;
      log.wake();
      offsets.flush();
    },
  };
}

const deliveredOf = (topic: string, entry: LogEntry): Delivered => ({
  topic,
  key: entry.k,
  value: entry.v,
  headers: entry.h,
  partition: entry.p,
  offset: String(entry.o),
});

/** One group's reader of one partition: delivers batch after batch, and moves the group's offset past each handled one. */
async function consumePartition(
  { log, offsets, retryDelayMs }: { log: MemoryLog; offsets: GroupOffsets; retryDelayMs: number },
  subscription: SubscribeOptions,
  topic: string,
  p: number,
  running: () => boolean,
) {
  log.ensure(topic); // read back before this group's offsets exist, so compaction does not wait for it
  const next = offsets.of(subscription.group, topic, () =>
    subscription.startAt === "latest" ? log.ends(topic) : log.ends(topic).map(() => 0),
  );
  const handler = batchHandlerOf(subscription);
  let delay = retryDelayMs;
  while (running()) {
    const entries = log.read(
      topic,
      p,
      next[p] ?? 0,
      Math.min(handler.size, batchSize(MEMORY_BATCH, MEMORY_BATCH_WITH_REQUESTS)),
    );
    if (entries.length === 0) {
      await log.waitForMore(topic, p);
      continue;
    }
    try {
      await handler.handle(entries.map((entry) => deliveredOf(topic, entry)));
      next[p] = entries.at(-1)!.o + 1;
      offsets.moved();
      log.dropBefore(topic, p, offsets.consumedBefore(topic)(p));
      delay = retryDelayMs;
      await yieldToEventLoop();
    } catch {
      // Not handled: deliver the same messages again later; later messages wait (order per key).
      await Bun.sleep(delay);
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }
}
