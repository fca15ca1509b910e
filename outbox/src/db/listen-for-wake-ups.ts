import type { Database } from "./database.ts";

/**
 * LISTENs on `channel` for a background loop and calls `onNotify` for each NOTIFY. When LISTEN is
 * unavailable the loop keeps working on its poll, and `fallback` says so once. `stop()` is safe
 * even before LISTEN has answered.
 */
export function listenForWakeUps(database: Database, channel: string, onNotify: () => void, fallback: string): { stop(): Promise<void> } {
  let stopped = false;
  const listening = database.listen(channel, onNotify).catch((error: Error) => {
    console.warn(`${fallback}: ${error.message}`);
    return undefined;
  });
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await (await listening)?.();
    },
  };
}
