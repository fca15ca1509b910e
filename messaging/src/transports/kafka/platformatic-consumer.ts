import {
  Consumer,
  type BaseOptions,
  type GroupAssignment,
  type Message as KafkaMessage,
  type MessagesStream,
  stringDeserializers,
} from "@platformatic/kafka";
import type { WarnOnce } from "../../support/warn-at-most-every.ts";
import { batchHandlerOf, type Delivered, type SubscribeOptions, type Subscription } from "../transport.ts";
import { backoff, COMMIT_INTERVAL_MS, describeError, GROUP_SESSION } from "./kafka-shared.ts";
import { PartitionLanes, type Turn } from "./partition-lanes.ts";

type Received = KafkaMessage<string, string, string, string>;
type Member = Consumer<string, string, string, string>;
type Stream = MessagesStream<string, string, string, string>;

// Messages held in memory per subscription before fetching pauses; a partition whose handler keeps failing fills it.
const MAX_QUEUED = 1000;
// A partition hands its turn to the next one after this many messages, so one busy partition cannot starve the rest.
const TURN = 100;

const closeNow = (consumer: Member) => new Promise<void>((resolve) => consumer.close(true, () => resolve()));

const deliveredOf = (message: Received): Delivered => ({
  topic: message.topic,
  key: message.key ?? "",
  value: message.value ?? "",
  headers: Object.fromEntries(message.headers),
  partition: message.partition,
  offset: message.offset.toString(),
});

/**
 * One member of the group. Offsets are committed every half second, only up to messages whose
 * handler resolved. When the library gives up (the broker was away longer than its retries), the
 * member is replaced by a new one that starts again from the committed offsets.
 * @example
 * const subscription = await subscribeGroup(base, 3, { group: "notifier", topics: ["reminders"], onMessage }, warnOnce);
 */
export async function subscribeGroup(
  base: BaseOptions,
  concurrency: number,
  subscription: SubscribeOptions,
  warnOnce: WarnOnce,
): Promise<Subscription> {
  const group = new GroupConsumer(base, concurrency, subscription, warnOnce);
  await group.begin();
  return { stop: () => group.stop() };
}

/** The I/O around `PartitionLanes`: the library's consumer and stream, the handler, commits and restarts. */
class GroupConsumer {
  private readonly name: string;
  private readonly handler: ReturnType<typeof batchHandlerOf>;
  private readonly lanes: PartitionLanes<Received>;
  private consumer: Member | undefined;
  private stream: Stream | undefined;
  private readonly idleWaiters: (() => void)[] = [];
  private stopping = false;
  private committing: Promise<void> | undefined;
  private restarting: Promise<void> | undefined;
  private committer: ReturnType<typeof setInterval> | undefined;
  private interrupt: () => void = () => {};
  private readonly stopped = new Promise<void>((resolve) => (this.interrupt = resolve));

  constructor(
    private readonly base: BaseOptions,
    concurrency: number,
    private readonly subscription: SubscribeOptions,
    private readonly warnOnce: WarnOnce,
  ) {
    this.name = `kafka ${subscription.group}`;
    this.handler = batchHandlerOf(subscription);
    this.lanes = new PartitionLanes({
      concurrency,
      batchSize: this.handler.size,
      turn: TURN,
      maxQueued: MAX_QUEUED,
    });
  }

  async begin() {
    this.committer = setInterval(() => void this.commit(), COMMIT_INTERVAL_MS);
    try {
      await this.join();
    } catch (error) {
      clearInterval(this.committer);
      throw error;
    }
  }

  /** A pause that ends early when the subscription stops. */
  private pause(ms: number) {
    return Promise.race([Bun.sleep(ms), this.stopped]);
  }

  private async join() {
    // Few retries: after a broker restart the library can fail to parse a fetch answer ("Out of bounds",
    // @platformatic/kafka 1.35 against Kafka 4.4) until the consumer is replaced, so replace it after ~3 s, not ~21 s.
    const member: Member = new Consumer({
      ...this.base,
      retries: 4,
      groupId: this.subscription.group,
      deserializers: stringDeserializers,
      autocommit: false,
      ...GROUP_SESSION,
    });
    this.consumer = member;
    member.on("error", (error) => this.restart(error)); // a group rejoin that failed for good
    member.on("consumer:group:join", ({ assignments }) => this.keepOnly(assignments ?? []));
    try {
      const opened = await member.consume({
        topics: this.subscription.topics,
        mode: "committed",
        fallbackMode: this.subscription.startAt ?? "earliest",
        autocommit: false,
      });
      this.stream = opened;
      opened.on("data", (message: Received) => this.take(message));
      opened.on("error", (error) => this.restart(error));
      opened.on(
        "close",
        () => this.stream === opened && this.restart(new Error("the message stream closed")),
      );
    } catch (error) {
      await closeNow(member);
      throw error;
    }
  }

  private take(message: Received) {
    if (this.stopping || !this.stream) return;
    this.lanes.take(message);
    this.applyFlow();
    this.schedule();
  }

  private applyFlow() {
    const flow = this.lanes.flow();
    if (flow === "pause") this.stream?.pause();
    else if (flow === "resume") this.stream?.resume();
  }

  private schedule() {
    if (this.stopping) return;
    for (let turn = this.lanes.startTurn(); turn; turn = this.lanes.startTurn()) void this.work(turn);
  }

  private async work(turn: Turn) {
    try {
      for (let batch = this.lanes.nextBatch(turn); batch.length > 0 && !this.stopping; ) {
        if (!(await this.deliver(turn.key, batch, () => this.lanes.owns(turn)))) return;
        this.lanes.handled(turn, batch);
        batch = this.lanes.nextBatch(turn);
      }
    } finally {
      this.lanes.endTurn(turn);
      if (this.stream) this.applyFlow();
      if (this.lanes.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      this.schedule();
    }
  }

  // Not handled means "again, later": the same messages, after a growing pause, with their partition waiting behind them.
  private async deliver(key: string, batch: Received[], owned: () => boolean): Promise<boolean> {
    const delivered = batch.map(deliveredOf);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handler.handle(delivered);
        return owned();
      } catch (error) {
        if (this.stopping || !owned()) return false;
        this.warnOnce(
          `${this.name}: handler failed at ${key}/${batch[0]!.offset}, will deliver it again: ${(error as Error).message}`,
        );
        await this.pause(backoff(attempt));
        if (this.stopping || !owned()) return false;
      }
    }
  }

  // After a rebalance, partitions that went to another member are theirs: drop what was queued for them.
  private keepOnly(assignments: GroupAssignment[]) {
    this.lanes.keepOnly(new Set(assignments.flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`))));
  }

  private whenIdle() {
    return this.lanes.active === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private commit(): Promise<void> {
    this.committing ??= this.commitNow().finally(() => (this.committing = undefined));
    return this.committing;
  }

  private async commitNow() {
    const offsets = this.lanes.takeCommittable();
    if (offsets.length === 0 || !this.consumer) return;
    try {
      await this.consumer.commit({ offsets: offsets.map((o) => ({ ...o, leaderEpoch: -1 })) });
    } catch (error) {
      // Put them back unless a later offset was handled meanwhile; the next round tries again.
      this.lanes.putBack(offsets);
      this.warnOnce(`${this.name}: committing offsets failed, will retry: ${(error as Error).message}`);
    }
  }

  private restart(error: Error) {
    if (this.stopping || this.restarting) return;
    this.restarting = this.replace(error).finally(() => (this.restarting = undefined));
  }

  private async replace(error: Error) {
    this.warnOnce(
      `${this.name}: consumer failed, starting a new one from the committed offsets: ${describeError(error)}`,
    );
    const old = { consumer: this.consumer!, stream: this.stream };
    this.stream = undefined;
    this.lanes.dropAll();
    await this.whenIdle();
    await this.commit();
    this.lanes.forgetCommittable();
    await old.stream?.close().catch(() => {});
    await closeNow(old.consumer);
    for (let attempt = 1; !this.stopping; attempt++) {
      await this.pause(backoff(attempt));
      if (this.stopping) break;
      try {
        await this.join();
        break;
      } catch (failure) {
        this.warnOnce(`${this.name}: could not rejoin the group yet: ${(failure as Error).message}`);
      }
    }
  }

  async stop() {
    if (this.stopping) return;
    this.stopping = true;
    this.interrupt();
    clearInterval(this.committer);
    await this.restarting;
    const last = this.stream;
    this.stream = undefined;
    await this.whenIdle();
    await this.commit();
    await last
      ?.close()
      .catch((error) => this.warnOnce(`${this.name}: closing the stream: ${(error as Error).message}`));
    await this.consumer
      ?.close()
      .catch((error) => this.warnOnce(`${this.name}: leaving the group: ${(error as Error).message}`));
  }
}
