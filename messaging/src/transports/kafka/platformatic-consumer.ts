import {
  Consumer,
  stringDeserializers,
  type BaseOptions,
  type CommitOptionsPartition,
  type GroupAssignment,
  type Message as KafkaMessage,
  type MessagesStream,
} from "@platformatic/kafka";
import { batchHandlerOf, type Delivered, type SubscribeOptions, type Subscription } from "../transport.ts";
import type { WarnOnce } from "../../support/warn-at-most-every.ts";

type Received = KafkaMessage<string, string, string, string>;

// Handled offsets are committed together every half second (kafkajs' autoCommitInterval in the other adapter).
const COMMIT_INTERVAL_MS = 500;
// Messages held in memory per subscription before fetching pauses; a partition whose handler keeps failing fills it.
const MAX_QUEUED = 1000;
// A partition hands its turn to the next one after this many messages, so one busy partition cannot starve the rest.
const TURN = 100;
export const backoff = (attempt: number) => Math.min(200 * 2 ** Math.max(0, attempt - 1), 5000);
// The library wraps retried failures ("fetch failed 9 times"); the last cause is the useful part.
export const describeError = (error: Error) => {
  const last = (error as Partial<AggregateError>).errors?.at(-1) as Error | undefined;
  return last ? `${error.message} (last: ${last.message})` : error.message;
};

const closeNow = (consumer: Consumer<string, string, string, string>) =>
  new Promise<void>((resolve) => consumer.close(true, () => resolve()));

/** A partition's messages waiting for the handler, worked on one at a time so their order holds. */
interface Lane {
  key: string;
  topic: string;
  partition: number;
  queue: Received[];
  /** Offset after the last message taken in: the stream fetches again from the committed offset after a rebalance. */
  next: bigint;
  running: boolean;
  scheduled: boolean;
  revoked: boolean;
}

/**
 * One member of the group. Offsets are committed every half second, only up to messages whose
 * handler resolved. When the library gives up (the broker was away longer than its retries), the
 * member is replaced by a new one that starts again from the committed offsets.
 */
export async function subscribeGroup(
  base: BaseOptions,
  concurrency: number,
  subscription: SubscribeOptions,
  warnOnce: WarnOnce,
): Promise<Subscription> {
  const name = `kafka ${subscription.group}`;
  const handler = batchHandlerOf(subscription);
  let consumer: Consumer<string, string, string, string>;
  let stream: MessagesStream<string, string, string, string> | undefined;
  const lanes = new Map<string, Lane>();
  const ready: Lane[] = [];
  const pending = new Map<string, CommitOptionsPartition>();
  const idleWaiters: (() => void)[] = [];
  let queued = 0;
  let active = 0;
  let paused = false;
  let stopping = false;
  let committing: Promise<void> | undefined;
  let restarting: Promise<void> | undefined;
  let interrupt: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (interrupt = resolve));
  const pause = (ms: number) => Promise.race([Bun.sleep(ms), stopped]);

  async function start() {
    // Few retries: after a broker restart the library can fail to parse a fetch answer ("Out of bounds",
    // @platformatic/kafka 1.35 against Kafka 4.4) until the consumer is replaced, so replace it after ~3 s, not ~21 s.
    const member = new Consumer({
      ...base,
      retries: 4,
      groupId: subscription.group,
      deserializers: stringDeserializers,
      autocommit: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
    });
    consumer = member;
    member.on("error", (error) => restart(error)); // a group rejoin that failed for good
    member.on("consumer:group:join", ({ assignments }) => keepOnly(assignments ?? []));
    try {
      const opened = await member.consume({
        topics: subscription.topics,
        mode: "committed",
        fallbackMode: subscription.startAt ?? "earliest",
        autocommit: false,
      });
      stream = opened;
      opened.on("data", take);
      opened.on("error", (error) => restart(error));
      opened.on("close", () => stream === opened && restart(new Error("the message stream closed")));
    } catch (error) {
      await closeNow(member);
      throw error;
    }
  }

  function take(message: Received) {
    if (stopping || !stream) return;
    const key = `${message.topic}:${message.partition}`;
    let lane = lanes.get(key);
    if (!lane)
      lanes.set(
        key,
        (lane = {
          key,
          topic: message.topic,
          partition: message.partition,
          queue: [],
          next: -1n,
          running: false,
          scheduled: false,
          revoked: false,
        }),
      );
    if (message.offset < lane.next) return;
    lane.next = message.offset + 1n;
    lane.queue.push(message);
    if (++queued >= MAX_QUEUED && !paused) {
      paused = true;
      stream.pause();
    }
    enqueue(lane);
    schedule();
  }

  function enqueue(lane: Lane) {
    if (lane.running || lane.scheduled || lane.revoked || lane.queue.length === 0) return;
    lane.scheduled = true;
    ready.push(lane);
  }

  function schedule() {
    while (active < concurrency && ready.length > 0 && !stopping) {
      const lane = ready.shift()!;
      lane.scheduled = false;
      if (!lane.revoked && lane.queue.length > 0) void work(lane);
    }
  }

  async function work(lane: Lane) {
    active++;
    lane.running = true;
    try {
      for (let n = 0; n < TURN && lane.queue.length > 0 && !stopping; ) {
        const batch = lane.queue.slice(0, Math.min(handler.size, TURN - n));
        if (!(await deliver(lane, batch)) || lane.revoked) return;
        lane.queue.splice(0, batch.length);
        queued -= batch.length;
        n += batch.length;
        pending.set(lane.key, {
          topic: lane.topic,
          partition: lane.partition,
          offset: batch.at(-1)!.offset + 1n,
          leaderEpoch: -1,
        });
      }
    } finally {
      lane.running = false;
      active--;
      enqueue(lane);
      if (paused && queued < MAX_QUEUED / 2 && stream) {
        paused = false;
        stream.resume();
      }
      if (active === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
      schedule();
    }
  }

  // Not handled means "again, later": the same messages, after a growing pause, with their partition waiting behind them.
  async function deliver(lane: Lane, batch: Received[]): Promise<boolean> {
    const delivered = batch.map(
      (message): Delivered => ({
        topic: message.topic,
        key: message.key ?? "",
        value: message.value ?? "",
        headers: Object.fromEntries(message.headers),
        partition: message.partition,
        offset: message.offset.toString(),
      }),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        await handler.handle(delivered);
        return true;
      } catch (error) {
        if (stopping || lane.revoked) return false;
        warnOnce(
          `${name}: handler failed at ${lane.key}/${batch[0]!.offset}, will deliver it again: ${(error as Error).message}`,
        );
        await pause(backoff(attempt));
        if (stopping || lane.revoked) return false;
      }
    }
  }

  // After a rebalance, partitions that went to another member are theirs: drop what was queued for them.
  function keepOnly(assignments: GroupAssignment[]) {
    const owned = new Set(assignments.flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)));
    for (const lane of lanes.values()) {
      if (owned.has(lane.key)) continue;
      drop(lane);
      pending.delete(lane.key);
    }
  }

  function drop(lane: Lane) {
    lane.revoked = true;
    queued -= lane.queue.length;
    lane.queue = [];
    lanes.delete(lane.key);
  }

  const whenIdle = () =>
    active === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));

  function commit(): Promise<void> {
    return (committing ??= (async () => {
      const offsets = [...pending.values()];
      pending.clear();
      if (offsets.length === 0) return;
      try {
        await consumer.commit({ offsets });
      } catch (error) {
        // Put them back unless a later offset was handled meanwhile; the next round tries again.
        for (const o of offsets)
          if (!pending.has(`${o.topic}:${o.partition}`) && lanes.has(`${o.topic}:${o.partition}`))
            pending.set(`${o.topic}:${o.partition}`, o);
        warnOnce(`${name}: committing offsets failed, will retry: ${(error as Error).message}`);
      }
    })().finally(() => (committing = undefined)));
  }
  const committer = setInterval(() => void commit(), COMMIT_INTERVAL_MS);

  function restart(error: Error) {
    if (stopping || restarting) return;
    restarting = (async () => {
      warnOnce(
        `${name}: consumer failed, starting a new one from the committed offsets: ${describeError(error)}`,
      );
      const old = { consumer, stream };
      stream = undefined;
      for (const lane of [...lanes.values()]) drop(lane);
      await whenIdle();
      await commit();
      pending.clear();
      await old.stream?.close().catch(() => {});
      await closeNow(old.consumer);
      paused = false;
      for (let attempt = 1; !stopping; attempt++) {
        await pause(backoff(attempt));
        if (stopping) break;
        try {
          await start();
          break;
        } catch (failure) {
          warnOnce(`${name}: could not rejoin the group yet: ${(failure as Error).message}`);
        }
      }
    })().finally(() => (restarting = undefined));
  }

  try {
    await start();
  } catch (error) {
    clearInterval(committer);
    throw error;
  }
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      interrupt();
      clearInterval(committer);
      await restarting;
      const last = stream;
      stream = undefined;
      await whenIdle();
      await commit();
      await last
        ?.close()
        .catch((error) => warnOnce(`${name}: closing the stream: ${(error as Error).message}`));
      await consumer
        .close()
        .catch((error) => warnOnce(`${name}: leaving the group: ${(error as Error).message}`));
    },
  };
}
