import { describe, expect, test } from "bun:test";
import { answersWithin, backoff, topicEnsurer, topicsToEnsure } from "./kafka-shared.ts";

describe("what the Kafka adapters share", () => {
  test("topics to ensure: each topic and its dead-letter topic once, without those already known", () => {
    expect(topicsToEnsure(["a", "b", "a"], new Set(["b", "b.dlq"]))).toEqual(["a", "a.dlq"]);
    expect(topicsToEnsure(["a"], new Set(["a", "a.dlq"]))).toEqual([]);
  });

  test("ensureTopics creates each topic once: what failed is asked for again, what succeeded is not", async () => {
    const asked: string[][] = [];
    let fail = true;
    const ensureTopics = topicEnsurer(async (wanted) => {
      asked.push(wanted);
      if (fail) throw new Error("broker away");
    });
    await expect(ensureTopics(["a"])).rejects.toThrow("broker away");
    fail = false;
    await ensureTopics(["a"]);
    await ensureTopics(["a", "b"]);
    expect(asked).toEqual([
      ["a", "a.dlq"],
      ["a", "a.dlq"],
      ["b", "b.dlq"],
    ]);
  });

  test("the retry pause starts at 200 ms, doubles, and stops growing at 5 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoff)).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  test("a probe that answers is ready, one that fails or never answers is not", async () => {
    expect(await answersWithin(async () => "metadata", 1000)).toBe(true);
    expect(await answersWithin(() => Promise.reject(new Error("broker away")), 1000)).toBe(false);
    expect(await answersWithin(() => new Promise(() => {}), 1)).toBe(false);
  });
});
