import { AsyncLocalStorage } from "node:async_hooks";

const context = new AsyncLocalStorage<true>();

/**
 * Runs `read` as a read that may share its statements: on the embedded database a SELECT it
 * sends joins an identical one (same schema, text and parameters) that has not started yet,
 * instead of running again. Correct for a read of committed data: a statement that has not
 * started yet sees every write committed before the joiner arrived, so read-your-writes holds.
 * Mark only code that reads (the signed-in check, a list of tasks), never a statement inside a
 * write, and never change the rows it gets (another request has the same ones).
 * @example
 * const page = await asSharedRead(() => searchTasks(db, user, filter));
 */
export const asSharedRead = <T>(read: () => Promise<T>): Promise<T> => context.run(true, read);

/** Whether the caller runs inside `asSharedRead`. */
export const isSharedRead = (): boolean => context.getStore() === true;

/**
 * The key of a statement a shared read may join: its schema, text, parameters and options; none
 * (no joining) for anything but a SELECT, or parameters that do not serialize.
 */
export function sharedReadKey(schema: string, args: readonly unknown[]): string | undefined {
  if (typeof args[0] !== "string" || !/^\s*select\s/i.test(args[0])) return undefined;
  try {
    return JSON.stringify([schema, ...args]);
  } catch {
    return undefined; // a bigint parameter, say
  }
}

interface Waiting {
  promise: Promise<unknown>;
}

/**
 * Identical statements on their way to the database: the first is queued on the event loop's next
 * turn (setImmediate), so the identical ones that arrive meanwhile (a burst of requests) join it;
 * they keep joining while it waits in the database's queue, and from its start on a new one is
 * queued again. Every caller gets the same answer: none may change it.
 */
export class WaitingReads {
  private readonly waiting = new Map<string, Waiting>();

  /** `enqueue` queues the statement and calls `started` right before it runs. */
  run<T>(key: string, enqueue: (started: () => void) => Promise<T>): Promise<T> {
    const joined = this.waiting.get(key);
    if (joined) return joined.promise as Promise<T>;
    const entry: Waiting = { promise: Promise.resolve() };
    const leave = () => {
      if (this.waiting.get(key) === entry) this.waiting.delete(key);
    };
    const promise = new Promise<void>((resolve) => setImmediate(resolve)).then(() => enqueue(leave));
    entry.promise = promise;
    this.waiting.set(key, entry);
    promise.then(leave, leave);
    return promise;
  }
}
