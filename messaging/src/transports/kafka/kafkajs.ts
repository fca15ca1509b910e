// kafkajs, with one correction to its request queue. Import kafkajs from here, never from "kafkajs" itself.
//
// kafkajs 2.2.4 (its last release) starts its "not throttled" sentinel at -1, and after every answered
// request schedules its next queue check at `throttledUntil - Date.now()`: about -57 years when nothing is
// throttled. Bun and Node say so once per process ("TimeoutNegativeWarning: -1796566862200 is a negative
// number"), run the timer after 1 ms instead, and the queue then checks itself every millisecond while
// idle (tulios/kafkajs#1751, #1704; the fixes, #1755 and #1768, are open pull requests). The corrected check
// schedules a timer only when there is something to wait for: a pending request, or the end of a throttle
// the broker asked for; a request that arrives later sends itself or schedules its own check.
import { createRequire } from "node:module";

export * from "kafkajs";

/** The part of kafkajs' RequestQueue the correction reads and replaces. */
export interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

// kafkajs' own value: how soon a queue held back only by its in-flight limit looks again.
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/** How long until the queue should look at its pending requests again; undefined: nothing to wait for. */
export function nextQueueCheckIn(
  pendingCount: number,
  throttledUntil: number,
  now: number,
): number | undefined {
  const untilUnthrottled = throttledUntil - now;
  if (untilUnthrottled > 0) return untilUnthrottled;
  return pendingCount > 0 ? CHECK_PENDING_REQUESTS_INTERVAL_MS : undefined;
}

function scheduleCheckPendingRequests(this: RequestQueueInternals) {
  if (this.throttleCheckTimeoutId) return;
  const delay = nextQueueCheckIn(this.pending.length, this.throttledUntil, Date.now());
  if (delay === undefined) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/** kafkajs' RequestQueue class, the one its connections create (same module, same prototype). */
export const RequestQueue = createRequire(import.meta.url)("kafkajs/src/network/requestQueue/index.js") as {
  new (options: Record<string, unknown>): RequestQueueInternals;
  prototype: RequestQueueInternals;
};
RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
