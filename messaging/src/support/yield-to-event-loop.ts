/**
 * Lets timers and network I/O run. PGlite answers queries without ever leaving the microtask
 * queue, so a loop of awaited queries would otherwise hold the thread until its work runs out:
 * with every service in one process, a burst of reminders froze the HTTP API for its whole length.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
