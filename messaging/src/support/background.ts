import { AsyncLocalStorage } from "node:async_hooks";

const context = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work (a consumer's batch, a relay round, a scheduler's round, pruning,
 * planner statistics): everything it starts, down to its database statements, knows it through
 * `isBackground`. The embedded database serves requests' statements before queued background
 * ones, and lets the event loop take a turn between two background statements.
 * @example
 * await inBackground(() => handleBatch(options, messages));
 */
export const inBackground = <T>(work: () => Promise<T>): Promise<T> => context.run(true, work);

/** Whether the caller runs inside `inBackground`. */
export const isBackground = (): boolean => context.getStore() === true;

// How long after a request's statement background loops keep taking small batches.
const REQUESTS_ABOUT_MS = 1000;
let lastRequestAt = Number.NEGATIVE_INFINITY;

/** A request ran a statement on the embedded database (its queue calls this): background loops take small batches for a while. */
export const requestSeen = (now = performance.now()): void => {
  lastRequestAt = now;
};

/**
 * How many items a background loop takes in its next batch: `idle` (the throughput size) unless a
 * request ran a statement on the embedded database within the last second, then `busy`. A batch
 * is one step the database runs to its end, so a request that comes in waits for at most one
 * batch: with requests about, that wait stays a small fraction of a read. With a server
 * database (no one calls `requestSeen`) it is always `idle`.
 * @example
 * log.read(topic, p, next, batchSize(100, 5));
 */
export const batchSize = (idle: number, busy: number, now = performance.now()): number =>
  requestsAbout(now) ? Math.min(idle, busy) : idle;

/** Whether a request ran a statement on the embedded database within the last second. */
export const requestsAbout = (now = performance.now()): boolean => now - lastRequestAt < REQUESTS_ABOUT_MS;

/**
 * Whether background work that cannot be split into short steps (an ANALYZE: 15–150 ms in one
 * statement at 10,000 tasks) should wait for a quiet moment: while requests are about, unless it
 * has already waited `maxDeferMs` since it last ran, so steady traffic only delays it.
 * @example
 * if (shouldDefer(lastRunAt, 60_000)) return; // try again next round
 */
export const shouldDefer = (lastRunAt: number, maxDeferMs: number, now = performance.now()): boolean =>
  requestsAbout(now) && now - lastRunAt < maxDeferMs;
