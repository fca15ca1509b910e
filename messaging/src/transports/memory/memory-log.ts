import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Message, partitionFor } from "../transport.ts";

/** One message in a partition, as a line of the log file (short names: the file holds every event). */
export interface LogEntry {
  o: number; // absolute offset in the partition
  p: number;
  k: string;
  v: string;
  h: Record<string, string>;
}

interface Partition {
  base: number; // offset of entries[0]
  entries: LogEntry[];
  waiters: (() => void)[];
}

export interface MemoryLogOptions {
  /** Where each topic's log file lives (`<topic>.log`); undefined keeps the log in memory only. */
  dir?: string;
  partitions: number;
  /**
   * For a topic read back from its file: the offset before which every known group has consumed a
   * partition (those entries are dropped: compaction at start).
   */
  consumedBefore(topic: string): (partition: number) => number;
}

/**
 * An append-only log per topic partition, like Kafka's: a message goes to its key's partition and
 * gets the next offset there, so one key's messages keep their order. With a `dir` every append is
 * also written to the topic's file, and a log made again over that dir reads it back.
 * @example
 * const log = new MemoryLog({ partitions: 3, consumedBefore: () => () => 0 });
 * log.append([{ topic: "reminders", key: "task-1", value: "{}", headers: {} }]);
 * log.read("reminders", partitionFor("task-1", 3), 0, 10); // [{ o: 0, k: "task-1", ... }]
 */
export class MemoryLog {
  private readonly topics = new Map<string, Partition[]>();

  constructor(private readonly options: MemoryLogOptions) {
    if (options.dir) mkdirSync(options.dir, { recursive: true });
  }

  private file(topic: string) {
    return join(this.options.dir!, `${encodeURIComponent(topic)}.log`);
  }

  /** A topic's partitions, made (and read back from its file) on first use. */
  private partitionsOf(topic: string): Partition[] {
    let parts = this.topics.get(topic);
    if (parts) return parts;
    parts = Array.from({ length: this.options.partitions }, () => ({ base: 0, entries: [], waiters: [] }));
    if (this.options.dir && existsSync(this.file(topic))) this.load(topic, parts);
    this.topics.set(topic, parts);
    return parts;
  }

  /** Makes sure a topic exists (and is read back from its file). */
  ensure(topic: string): void {
    this.partitionsOf(topic);
  }

  /** Appends messages, each to its key's partition, writes them to the topic files, and wakes their readers. */
  append(messages: Message[]): void {
    const lines = new Map<string, string[]>();
    for (const message of messages) {
      const p = partitionFor(message.key, this.options.partitions);
      const part = this.partitionsOf(message.topic)[p]!;
      const entry: LogEntry = {
        o: part.base + part.entries.length,
        p,
        k: message.key,
        v: message.value,
        h: message.headers,
      };
      part.entries.push(entry);
      if (this.options.dir)
        (lines.get(message.topic) ?? lines.set(message.topic, []).get(message.topic)!).push(
          `${JSON.stringify(entry)}\n`,
        );
    }
    for (const [topic, text] of lines) appendFileSync(this.file(topic), text.join(""));
    for (const topic of new Set(messages.map((m) => m.topic))) this.wake(topic);
  }

  /** Up to `max` entries of a partition from offset `from` on (or from its oldest entry kept, if later). */
  read(topic: string, partition: number, from: number, max: number): LogEntry[] {
    const part = this.partitionsOf(topic)[partition]!;
    const start = Math.max(from, part.base) - part.base;
    return part.entries.slice(start, start + max);
  }

  /**
   * With the log on disk, forgets the entries of a partition before `offset` (those every group
   * that reads the topic has consumed): they would otherwise pile up in memory for as long as the
   * process runs. The file keeps them until the next start compacts it. In memory only, it keeps all.
   */
  dropBefore(topic: string, partition: number, offset: number): void {
    if (!this.options.dir) return;
    const part = this.partitionsOf(topic)[partition]!;
    const count = Math.min(offset - part.base, part.entries.length);
    if (count <= 0) return;
    part.entries.splice(0, count);
    part.base += count;
  }

  /** The offset the next message of each partition of a topic will get. */
  ends(topic: string): number[] {
    return this.partitionsOf(topic).map((part) => part.base + part.entries.length);
  }

  /** Resolves at the next append to the partition, or at `wake`. */
  waitForMore(topic: string, partition: number): Promise<void> {
    return new Promise<void>((resolve) => this.partitionsOf(topic)[partition]!.waiters.push(resolve));
  }

  /** Wakes everyone waiting on a topic (on every topic without one). */
  wake(topic?: string): void {
    const parts = topic === undefined ? [...this.topics.values()].flat() : this.partitionsOf(topic);
    for (const part of parts) for (const resolve of part.waiters.splice(0)) resolve();
  }

  // Reads a topic's log back, dropping entries every known group has consumed, and rewrites the file
  // without them.
  private load(topic: string, parts: Partition[]) {
    const lines = readFileSync(this.file(topic), "utf8").split("\n").filter(Boolean);
    const consumed = this.options.consumedBefore(topic);
    let kept = 0;
    for (const line of lines) {
      const entry = JSON.parse(line) as LogEntry;
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
      const tmp = `${this.file(topic)}.tmp`;
      writeFileSync(tmp, parts.flatMap((p) => p.entries.map((e) => `${JSON.stringify(e)}\n`)).join(""));
      renameSync(tmp, this.file(topic));
    }
    // A compacted-away partition still continues at its old offsets.
    parts.forEach((p, i) => {
      if (p.entries.length === 0) p.base = Math.max(p.base, consumed(i));
    });
  }
}
