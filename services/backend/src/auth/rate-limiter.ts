import type { Clock } from "@todo/service-kit";

/**
 * Fixed-window counter per key (e.g. login attempts per email and address). In memory: each
 * replica limits on its own, which bounds guessing to replicas × limit per window.
 */
export function createRateLimiter(limit: number, windowMs: number, clock: Clock) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
    hit(key: string): number {
      const now = clock.now().getTime();
      if (windows.size > 10_000)
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      const current = windows.get(key);
      if (!current || now - current.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return 0;
      }
      current.count += 1;
      return current.count > limit ? Math.ceil((current.start + windowMs - now) / 1000) : 0;
    },
  };
}
