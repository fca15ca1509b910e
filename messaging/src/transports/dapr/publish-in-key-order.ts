import type { Message } from "../transport.ts";

/**
 * Calls `send` for every message: one key's messages strictly one after another, in the order
 * given, and up to `concurrency` keys at once. After a failure no further message starts (the
 * caller publishes the whole batch again), and the first error is thrown once all lanes stopped.
 * @example
 * await publishInKeyOrder(messages, 16, (m) => postToSidecar(m));
 */
export async function publishInKeyOrder(
  messages: Message[],
  concurrency: number,
  send: (message: Message) => Promise<void>,
): Promise<void> {
  const lanes = new Map<string, Message[]>();
  for (const message of messages)
    (lanes.get(message.key) ?? lanes.set(message.key, []).get(message.key)!).push(message);
  const queue = [...lanes.values()];
  let failure: { error: unknown } | undefined;

  async function worker() {
    for (let lane = queue.shift(); lane && !failure; lane = queue.shift()) {
      for (const message of lane) {
        if (failure) return;
        try {
          await send(message);
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  if (failure) throw failure.error;
}
