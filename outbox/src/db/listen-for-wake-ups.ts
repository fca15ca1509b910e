import type { Logger } from "../runtime/logger.ts";
import type { Database } from "./database.ts";

/**
 * LISTENs on `channel` for a background loop and calls `onNotify` for each NOTIFY. When LISTEN is
 * unavailable the loop keeps working on its poll, and `fallback` is logged once. `stop()` is safe
 * even before LISTEN has answered.
 */
export function listenForWakeUps(database: Database, channel: string, onNotify: () => void, fallback: string, logger: Logger): { stop(): Promise<void> } {
  let stopped = false;
  const listening = database.listen(channel, onNotify).catch((error: Error) => {
    logger.warn(fallback, { error });
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
