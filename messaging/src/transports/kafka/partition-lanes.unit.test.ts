import { describe, expect, test } from "bun:test";
import { type LaneLimits, PartitionLanes, type Positioned } from "./partition-lanes.ts";

const at = (partition: number, offset: number, topic = "t"): Positioned => ({
  topic,
  partition,
  offset: BigInt(offset),
});
const lanesWith = (limits: Partial<LaneLimits> = {}) =>
  new PartitionLanes<Positioned>({ concurrency: 3, batchSize: 1, turn: 100, maxQueued: 1000, ...limits });
const offsets = (batch: Positioned[]) => batch.map((m) => Number(m.offset));

describe("PartitionLanes", () => {
  test("given one partition's messages, its batches come out oldest first, each message once", () => {
    const lanes = lanesWith({ batchSize: 2 });
    for (const offset of [5, 6, 7]) lanes.take(at(0, offset));
    const turn = lanes.startTurn()!;
    const first = lanes.nextBatch(turn);
    expect(offsets(first)).toEqual([5, 6]);
    lanes.handled(turn, first);
    expect(offsets(lanes.nextBatch(turn))).toEqual([7]);
  });

  test("given a batch whose handler has not resolved, the same batch comes again (order holds)", () => {
    const lanes = lanesWith();
    lanes.take(at(0, 1));
    lanes.take(at(0, 2));
    const turn = lanes.startTurn()!;
    expect(offsets(lanes.nextBatch(turn))).toEqual([1]);
    expect(offsets(lanes.nextBatch(turn))).toEqual([1]);
  });

  test("a message fetched again (before the partition's next offset) is skipped", () => {
    const lanes = lanesWith({ batchSize: 10 });
    lanes.take(at(0, 1));
    lanes.take(at(0, 2));
    lanes.take(at(0, 1));
    expect(lanes.queued).toBe(2);
    expect(offsets(lanes.nextBatch(lanes.startTurn()!))).toEqual([1, 2]);
  });

  test("given more busy partitions than the concurrency, the others wait until a turn ends", () => {
    const lanes = lanesWith({ concurrency: 2 });
    for (const p of [0, 1, 2]) lanes.take(at(p, 0));
    const first = lanes.startTurn()!;
    const second = lanes.startTurn()!;
    expect([first.key, second.key]).toEqual(["t:0", "t:1"]);
    expect(lanes.startTurn()).toBeUndefined();
    expect(lanes.active).toBe(2);
    lanes.handled(first, lanes.nextBatch(first));
    lanes.endTurn(first);
    expect(lanes.startTurn()?.key).toBe("t:2");
  });

  test("a partition hands its turn on after `turn` messages and queues behind the others", () => {
    const lanes = lanesWith({ concurrency: 1, batchSize: 10, turn: 3 });
    for (let offset = 0; offset < 5; offset++) lanes.take(at(0, offset));
    lanes.take(at(1, 0));
    const busy = lanes.startTurn()!;
    const batch = lanes.nextBatch(busy);
    expect(offsets(batch)).toEqual([0, 1, 2]);
    lanes.handled(busy, batch);
    expect(lanes.nextBatch(busy)).toEqual([]);
    lanes.endTurn(busy);
    expect(lanes.startTurn()?.key).toBe("t:1");
  });

  test("only handled messages make an offset committable: the one after the last handled, per partition", () => {
    const lanes = lanesWith({ batchSize: 2 });
    for (const offset of [10, 11, 12]) lanes.take(at(0, offset));
    const turn = lanes.startTurn()!;
    expect(lanes.takeCommittable()).toEqual([]);
    lanes.handled(turn, lanes.nextBatch(turn));
    expect(lanes.takeCommittable()).toEqual([{ topic: "t", partition: 0, offset: 12n }]);
    expect(lanes.takeCommittable()).toEqual([]);
  });

  test("given a failed commit, its offsets come back unless a later one was handled meanwhile", () => {
    const lanes = lanesWith();
    for (const offset of [0, 1]) lanes.take(at(0, offset));
    lanes.take(at(1, 0));
    const zero = lanes.startTurn()!;
    const one = lanes.startTurn()!;
    lanes.handled(zero, lanes.nextBatch(zero));
    lanes.handled(one, lanes.nextBatch(one));
    const failed = lanes.takeCommittable();
    lanes.handled(zero, lanes.nextBatch(zero));
    lanes.putBack(failed);
    expect(lanes.takeCommittable()).toEqual([
      { topic: "t", partition: 0, offset: 2n },
      { topic: "t", partition: 1, offset: 1n },
    ]);
  });

  test("after a rebalance, a partition that went elsewhere loses its queue, its turn and its offset", () => {
    const lanes = lanesWith();
    lanes.take(at(0, 0));
    lanes.take(at(0, 1));
    lanes.take(at(1, 0));
    const lost = lanes.startTurn()!;
    lanes.handled(lost, lanes.nextBatch(lost));
    lanes.keepOnly(new Set(["t:1"]));
    expect(lanes.owns(lost)).toBe(false);
    expect(lanes.nextBatch(lost)).toEqual([]);
    expect(lanes.takeCommittable()).toEqual([]);
    expect(lanes.queued).toBe(1);
    lanes.putBack([{ topic: "t", partition: 0, offset: 1n }]);
    expect(lanes.takeCommittable()).toEqual([]);
  });

  test("a partition given back starts afresh, and the old turn stays stale", () => {
    const lanes = lanesWith({ concurrency: 2 });
    lanes.take(at(0, 0));
    const old = lanes.startTurn()!;
    lanes.keepOnly(new Set());
    lanes.take(at(0, 0));
    const fresh = lanes.startTurn()!;
    expect(fresh.key).toBe(old.key);
    expect(lanes.owns(old)).toBe(false);
    expect(lanes.owns(fresh)).toBe(true);
    lanes.endTurn(old);
    expect(lanes.active).toBe(1);
  });

  test("when the member is replaced, queues go but handled offsets may still be committed once", () => {
    const lanes = lanesWith();
    lanes.take(at(0, 0));
    lanes.take(at(0, 1));
    const turn = lanes.startTurn()!;
    lanes.handled(turn, lanes.nextBatch(turn));
    lanes.dropAll();
    expect(lanes.queued).toBe(0);
    expect(lanes.owns(turn)).toBe(false);
    const offsetsLeft = lanes.takeCommittable();
    expect(offsetsLeft).toEqual([{ topic: "t", partition: 0, offset: 1n }]);
    lanes.putBack(offsetsLeft);
    expect(lanes.takeCommittable()).toEqual([]);
  });

  test("fetching pauses when the queues are full and resumes once they are half empty", () => {
    const lanes = lanesWith({ maxQueued: 4, batchSize: 1 });
    for (let offset = 0; offset < 3; offset++) lanes.take(at(0, offset));
    expect(lanes.flow()).toBeUndefined();
    lanes.take(at(0, 3));
    expect(lanes.flow()).toBe("pause");
    expect(lanes.flow()).toBeUndefined();
    const turn = lanes.startTurn()!;
    lanes.handled(turn, lanes.nextBatch(turn));
    expect(lanes.flow()).toBeUndefined();
    lanes.handled(turn, lanes.nextBatch(turn));
    lanes.handled(turn, lanes.nextBatch(turn));
    expect(lanes.flow()).toBe("resume");
  });
});
