import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

/** Committed offsets: group → topic → the next offset to deliver, per partition. */
type Committed = Record<string, Record<string, number[]>>;

// Offsets are saved at most every 50 ms: a crash replays a few messages, never skips one.
const FLUSH_DELAY_MS = 50;

/**
 * Each consumer group's committed offsets, like Kafka's `__consumer_offsets`: kept in memory and,
 * with a `file`, saved there shortly after they move and read back when made again over it.
 * @example
 * const offsets = new GroupOffsets("/data/events/offsets.json");
 * const next = offsets.of("notifier", "reminders", () => [0, 0, 0]);
 * next[1] = 42; offsets.moved();
 */
export class GroupOffsets {
  private readonly committed: Committed;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly file?: string) {
    this.committed = file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Committed) : {};
  }

  /** A group's offsets for a topic, one per partition (the array itself: set an entry, then call `moved`). */
  of(group: string, topic: string, initial: () => number[]): number[] {
    const byTopic = (this.committed[group] ??= {});
    byTopic[topic] ??= initial();
    return byTopic[topic];
  }

  /**
   * The offset before which every group that reads a topic has consumed its partition (0 when no
   * group reads it yet): what the log may drop. Groups that read other topics only do not hold a
   * topic back; a group that subscribes later from the earliest starts after what was dropped.
   */
  consumedBefore(topic: string): (partition: number) => number {
    const groups = Object.values(this.committed).flatMap((byTopic) =>
      byTopic[topic] ? [byTopic[topic]] : [],
    );
    return (p) => (groups.length === 0 ? 0 : Math.min(...groups.map((o) => o[p] ?? 0)));
  }

  /** Offsets moved: save them soon. */
  moved(): void {
    if (!this.file || this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /** Saves the offsets now. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.file) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.committed));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
