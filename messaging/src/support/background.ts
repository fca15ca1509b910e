import { AsyncLocalStorage } from "node:async_hooks";

const context = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work (a consumer's batch, a relay round): everything it starts, down
 * to its database statements, knows it through `isBackground`. The embedded database serves
 * requests' statements before queued background ones, so draining a backlog does not starve reads.
 * @example
 * await inBackground(() => handleBatch(options, messages));
 */
export const inBackground = <T>(work: () => Promise<T>): Promise<T> => context.run(true, work);

/** Whether the caller runs inside `inBackground`. */
export const isBackground = (): boolean => context.getStore() === true;
