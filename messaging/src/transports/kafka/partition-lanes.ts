/** What the lanes need of a fetched message: where it sits in its partition. */
export interface Positioned {
  topic: string;
  partition: number;
  offset: bigint;
}

/** An offset that may be committed: every message of the partition before it was handled. */
export type Committable = Positioned;

export interface LaneLimits {
  /** Partitions worked on at once. */
  concurrency: number;
  /** Most messages in one batch (the handler's size: 1 for onMessage). */
  batchSize: number;
  /** Messages a partition works on before it hands its turn to the next, so one busy partition cannot starve the rest. */
  turn: number;
  /** Messages held at most; fetching pauses at this many and resumes at half. */
  maxQueued: number;
}

/** A partition's messages waiting for the handler, worked on one batch at a time so their order holds. */
interface Lane<M extends Positioned> {
  key: string;
  topic: string;
  partition: number;
  queue: M[];
  /** Offset after the last message taken in: after a rebalance the stream fetches again from the committed offset. */
  next: bigint;
  running: boolean;
  scheduled: boolean;
  revoked: boolean;
}

/** One lane's turn: up to `limits.turn` messages, batch after batch, handed out by `nextBatch`. */
export interface Turn {
  readonly key: string;
  taken: number;
}

const keyOf = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * The consumer's scheduling, without I/O: which partition runs next (in arrival order, one turn at a
 * time), which messages its next batch holds (in offset order, never one twice), how many partitions
 * run at once, when fetching should pause and resume, and which offsets may be committed (only past
 * handled messages, only of partitions this member still owns).
 * @example
 * const lanes = new PartitionLanes({ concurrency: 3, batchSize: 1, turn: 100, maxQueued: 1000 });
 * lanes.take(message);
 * for (let turn = lanes.startTurn(); turn; turn = lanes.startTurn()) void work(turn);
 */
export class PartitionLanes<M extends Positioned> {
  private readonly lanes = new Map<string, Lane<M>>();
  private readonly ready: Lane<M>[] = [];
  private readonly pending = new Map<string, Committable>();
  /** Each running turn's lane: a partition taken away and given back gets a new lane, and the old turn stays stale. */
  private readonly turns = new WeakMap<Turn, Lane<M>>();
  private paused = false;
  /** Messages taken in and not yet handled or dropped. */
  queued = 0;
  /** Turns running now. */
  active = 0;

  constructor(private readonly limits: LaneLimits) {}

  /** Takes a fetched message in; a message before its partition's next offset (fetched again) is skipped. */
  take(message: M): void {
    const key = keyOf(message.topic, message.partition);
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { key, topic: message.topic, partition: message.partition, queue: [], next: -1n, ...IDLE };
      this.lanes.set(key, lane);
    }
    if (message.offset < lane.next) return;
    lane.next = message.offset + 1n;
    lane.queue.push(message);
    this.queued++;
    this.enqueue(lane);
  }

  /** The next partition's turn when a slot is free and a partition has work; undefined otherwise. */
  startTurn(): Turn | undefined {
    while (this.active < this.limits.concurrency && this.ready.length > 0) {
      const lane = this.ready.shift()!;
      lane.scheduled = false;
      if (lane.revoked || lane.queue.length === 0) continue;
      lane.running = true;
      this.active++;
      const turn: Turn = { key: lane.key, taken: 0 };
      this.turns.set(turn, lane);
      return turn;
    }
    return undefined;
  }

  /** The turn's next batch, oldest first; empty when the turn is over or its partition went to another member. */
  nextBatch(turn: Turn): M[] {
    const lane = this.turns.get(turn);
    if (!lane || lane.revoked || turn.taken >= this.limits.turn) return [];
    return lane.queue.slice(0, Math.min(this.limits.batchSize, this.limits.turn - turn.taken));
  }

  /** The batch's handler resolved: its messages leave the queue and the offset after them may be committed. */
  handled(turn: Turn, batch: M[]): void {
    const lane = this.turns.get(turn);
    if (!lane || lane.revoked || batch.length === 0) return;
    lane.queue.splice(0, batch.length);
    this.queued -= batch.length;
    turn.taken += batch.length;
    this.pending.set(lane.key, {
      topic: lane.topic,
      partition: lane.partition,
      offset: batch.at(-1)!.offset + 1n,
    });
  }

  /** Whether the turn's partition still belongs to this member (a rebalance or a restart takes it away). */
  owns(turn: Turn): boolean {
    const lane = this.turns.get(turn);
    return lane !== undefined && !lane.revoked;
  }

  /** Ends a turn: its partition goes to the back of the line if it has more waiting. */
  endTurn(turn: Turn): void {
    const lane = this.turns.get(turn);
    if (!lane) return;
    this.turns.delete(turn);
    this.active--;
    lane.running = false;
    this.enqueue(lane);
  }

  /** After a rebalance: partitions not in `owned` (keys `topic:partition`) went to another member; their queues go. */
  keepOnly(owned: Set<string>): void {
    for (const lane of [...this.lanes.values()]) if (!owned.has(lane.key)) this.drop(lane);
  }

  /** Drops every queue (the member is being replaced); offsets handled so far stay committable. */
  dropAll(): void {
    for (const lane of [...this.lanes.values()]) this.drop(lane, false);
    this.paused = false;
  }

  /** Takes the offsets to commit now (one per partition, the latest handled). */
  takeCommittable(): Committable[] {
    const offsets = [...this.pending.values()];
    this.pending.clear();
    return offsets;
  }

  /** A commit failed: its offsets come back unless a later one was handled meanwhile or the partition went. */
  putBack(offsets: Committable[]): void {
    for (const offset of offsets) {
      const key = keyOf(offset.topic, offset.partition);
      if (!this.pending.has(key) && this.lanes.has(key)) this.pending.set(key, offset);
    }
  }

  /** Forgets offsets not yet committed (a replaced member's; its successor starts from the committed ones). */
  forgetCommittable(): void {
    this.pending.clear();
  }

  /** "pause" when fetching should stop (queues full), "resume" when it may go on (half empty), else undefined. */
  flow(): "pause" | "resume" | undefined {
    if (!this.paused && this.queued >= this.limits.maxQueued) {
      this.paused = true;
      return "pause";
    }
    if (this.paused && this.queued < this.limits.maxQueued / 2) {
      this.paused = false;
      return "resume";
    }
    return undefined;
  }

  private enqueue(lane: Lane<M>) {
    if (lane.running || lane.scheduled || lane.revoked || lane.queue.length === 0) return;
    lane.scheduled = true;
    this.ready.push(lane);
  }

  private drop(lane: Lane<M>, forgetOffset = true) {
    lane.revoked = true;
    this.queued -= lane.queue.length;
    lane.queue = [];
    this.lanes.delete(lane.key);
    if (forgetOffset) this.pending.delete(lane.key);
  }
}

const IDLE = { running: false, scheduled: false, revoked: false } as const;
