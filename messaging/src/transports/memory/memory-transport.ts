import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { yieldToEventLoop } from "../../support/yield-to-event-loop.ts";
import {
  batchHandlerOf,
  partitionFor,
  type Delivered,
  type Message,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from "../transport.ts";

interface Entry {
  o: number; // absolute offset in the partition
  p: number;
  k: string;
  v: string;
  h: Record<string, string>;
}

interface Partition {
  base: number; // offset of entries[0]
  entries: Entry[];
  waiters: (() => void)[];
}

export interface MemoryTransportOptions {
  /** Where the log and the groups' offsets live; undefined keeps everything in memory (tests). */
  dir?: string;
  partitions?: number;
  /** First wait before redelivering a message whose handler threw; doubles up to 5 s. */
  retryDelayMs?: number;
}

/**
 * The in-process transport of the embedded default. Like Kafka it keeps an append-only log per
 * topic partition and a committed offset per consumer group, so delivery is at least once and in
 * order per key. With a `dir` the log and offsets are files, so events published before a crash
 * or restart are still delivered after it (a consumer may see some twice; the inbox absorbs them).
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): Transport {
  const partitionCount = options.partitions ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const topics = new Map<string, Partition[]>();
  const offsetsFile = options.dir ? join(options.dir, "offsets.json") : undefined;
  const committed: Record<string, Record<string, number[]>> = offsetsFile && existsSync(offsetsFile)
    ? JSON.parse(readFileSync(offsetsFile, "utf8"))
    : {};
  const activeGroups = new Set<string>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  if (options.dir) mkdirSync(options.dir, { recursive: true });

  const logFile = (topic: string) => join(options.dir!, `${encodeURIComponent(topic)}.log`);

  function partitionsOf(topic: string): Partition[] {
    let parts = topics.get(topic);
    if (parts) return parts;
    parts = Array.from({ length: partitionCount }, () => ({
      base: 0,
      entries: [] as Entry[],
      waiters: [] as (() => void)[],
    }));
    if (options.dir && existsSync(logFile(topic))) loadLog(topic, parts);
    topics.set(topic, parts);
    return parts;
  }

  // The offset below which every group that reads `topic` has consumed partition p (0 when none
  // reads it yet). A group that subscribes later starts after what was dropped below it.
  function consumedByAll(topic: string, p: number): number {
    const groups = Object.values(committed).flatMap((byTopic) => (byTopic[topic] ? [byTopic[topic]] : []));
    return groups.length === 0 ? 0 : Math.min(...groups.map((offsets) => offsets[p] ?? 0));
  }

  // Reloads a topic's log, dropping entries its groups have all consumed (compaction at start).
  function loadLog(topic: string, parts: Partition[]) {
    const lines = readFileSync(logFile(topic), "utf8").split("\n").filter(Boolean);
    const consumed = (p: number) => consumedByAll(topic, p);
    let kept = 0;
    for (const line of lines) {
      const entry = JSON.parse(line) as Entry;
      const part = parts[entry.p]!;
      if (part.entries.length === 0) part.base = entry.o;
      if (entry.o < consumed(entry.p) && part.entries.length === 0) {
        part.base = entry.o + 1;
        continue;
      }
      part.entries.push(entry);
      kept++;
    }
    if (kept < lines.length) {
      const tmp = `${logFile(topic)}.tmp`;
      writeFileSync(tmp, parts.flatMap((p) => p.entries.map((e) => `${JSON.stringify(e)}\n`)).join(""));
      renameSync(tmp, logFile(topic));
    }
    // A compacted-away partition still continues at its old offsets.
    parts.forEach((p, i) => {
      if (p.entries.length === 0) p.base = Math.max(p.base, consumed(i));
    });
  }

  // With the log on disk, memory keeps only entries some group of the topic has still to consume:
  // the rest would pile up for as long as the process runs (the file keeps them until the next
  // start compacts it).
  function dropConsumed(topic: string, p: number) {
    if (!options.dir) return;
    const part = partitionsOf(topic)[p]!;
    const count = Math.min(consumedByAll(topic, p) - part.base, part.entries.length);
    if (count <= 0) return;
    part.entries.splice(0, count);
    part.base += count;
  }

  function scheduleFlush() {
    if (!offsetsFile || flushTimer) return;
    // Offsets are saved at most every 50 ms: a crash replays a few messages, never skips one.
    flushTimer = setTimeout(flushOffsets, 50);
  }

  function flushOffsets() {
    // A flush called directly (a subscription stopping) replaces the scheduled one, which would
    // otherwise still fire after close().
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!offsetsFile) return;
    writeFileSync(`${offsetsFile}.tmp`, JSON.stringify(committed));
    renameSync(`${offsetsFile}.tmp`, offsetsFile);
  }

  async function consumePartition(
    options: SubscribeOptions,
    topic: string,
    p: number,
    running: () => boolean,
  ) {
    const part = partitionsOf(topic)[p]!;
    const offsets = ((committed[options.group] ??= {})[topic] ??= partitionsOf(topic).map((log) =>
      options.startAt === "latest" ? log.base + log.entries.length : 0,
    ));
    const handler = batchHandlerOf(options);
    let delay = retryDelayMs;
    while (running()) {
      const next = Math.max(offsets[p] ?? 0, part.base);
      const entries = part.entries.slice(next - part.base, next - part.base + handler.size);
      if (entries.length === 0) {
        await new Promise<void>((resolve) => part.waiters.push(resolve));
        continue;
      }
      const messages: Delivered[] = entries.map((entry) => ({
        topic,
        key: entry.k,
        value: entry.v,
        headers: entry.h,
        partition: p,
        offset: String(entry.o),
      }));
      try {
        await handler.handle(messages);
        offsets[p] = entries.at(-1)!.o + 1;
        dropConsumed(topic, p);
        scheduleFlush();
        delay = retryDelayMs;
        await yieldToEventLoop();
      } catch {
        // Not handled: deliver the same messages again later; later messages wait (order per key).
        await Bun.sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  return {
    kind: "memory",
    async publish(messages: Message[]) {
      if (closed) throw new Error("memory transport is closed");
      const byTopic = new Map<string, string[]>();
      for (const message of messages) {
        const parts = partitionsOf(message.topic);
        const p = partitionFor(message.key, partitionCount);
        const part = parts[p]!;
        const entry: Entry = {
          o: part.base + part.entries.length,
          p,
          k: message.key,
          v: message.value,
          h: message.headers,
        };
        part.entries.push(entry);
        if (options.dir)
          (byTopic.get(message.topic) ?? byTopic.set(message.topic, []).get(message.topic)!).push(
            `${JSON.stringify(entry)}\n`,
          );
      }
      for (const [topic, lines] of byTopic) appendFileSync(logFile(topic), lines.join(""));
      for (const message of messages)
        for (const part of partitionsOf(message.topic)) part.waiters.splice(0).forEach((wake) => wake());
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      if (activeGroups.has(subscription.group))
        throw new Error(`group ${subscription.group} already has a consumer in this process`);
      activeGroups.add(subscription.group);
      let running = true;
      const loops = subscription.topics.flatMap((topic) =>
        Array.from({ length: partitionCount }, (_, p) =>
          consumePartition(subscription, topic, p, () => running && !closed),
        ),
      );
      return {
        async stop() {
          running = false;
          for (const topic of subscription.topics)
            for (const part of partitionsOf(topic)) part.waiters.splice(0).forEach((wake) => wake());
          await Promise.all(loops);
          activeGroups.delete(subscription.group);
          flushOffsets();
        },
      };
    },
    async ensureTopics(names: string[]) {
      for (const name of names) partitionsOf(name);
    },
    ready: async () => !closed,
    async close() {
      closed = true;
      for (const parts of topics.values())
        for (const part of parts) part.waiters.splice(0).forEach((wake) => wake());
      if (flushTimer) clearTimeout(flushTimer);
      flushOffsets();
    },
  };
}
