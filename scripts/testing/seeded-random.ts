/**
 * mulberry32: a small seeded generator of numbers in [0, 1), so a benchmark's rows or a generated
 * test case can be made again from its seed (RULE_SEED=… replays a failing one).
 * @example const random = seededRandom(5545); random(); // the same first number on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
