// Does NOTIFY wake the relay for every commit? Pairs of one-event commits: the first with the relay
// idle, the second 0-5 ms after the relay published the first, while it marks that batch and looks
// for more. A commit whose NOTIFY arrives in that moment should still be published within a few ms.
import { startRelay } from "../../messaging/src/relay/outbox-relay.ts";
import type { Database } from "../../messaging/src/db/database.ts";
import { Metrics, messagingMetrics } from "../../messaging/src/metrics/metrics.ts";
import { systemClock } from "../../messaging/src/support/clock.ts";
import { createMemoryTransport } from "../../messaging/src/transports/memory/memory-transport.ts";
import type { Transport } from "../../messaging/src/transports/transport.ts";
import { commitEvents, taskEvent } from "../../messaging/test/harness.ts";

export interface WakeupResult {
  /** ms from commit to publish, for commits made while the relay was idle. */
  idle: number[];
  /** the same for commits made 0-5 ms after the relay's previous publish. */
  afterPublish: number[];
}

export async function measureWakeups(database: Database, pairs: number): Promise<WakeupResult> {
  // The in-process transport: this is about the relay's wake-up, not about a broker.
  const inner = createMemoryTransport();
  const committed = new Map<string, number>();
  let lastPublishAt = 0;
  let onPublished: (ms: number) => void = () => {};
  const transport: Transport = {
    ...inner,
    publish: async (messages) => {
      await inner.publish(messages);
      lastPublishAt = performance.now();
      for (const m of messages) onPublished(lastPublishAt - committed.get(m.headers.event_id ?? "")!);
    },
  };
  const relay = startRelay({
    database,
    transport,
    clock: systemClock,
    metrics: messagingMetrics(new Metrics()),
  });
  await Bun.sleep(300); // LISTEN is in place
  const commitAndWait = async () => {
    const event = taskEvent(crypto.randomUUID());
    const published = new Promise<number>((resolve) => (onPublished = resolve));
    committed.set(event.event_id, performance.now());
    await commitEvents(database.db, [event]);
    return published;
  };
  const result: WakeupResult = { idle: [], afterPublish: [] };
  for (let i = 0; i < pairs; i++) {
    await Bun.sleep(20); // the relay is back waiting
    result.idle.push(await commitAndWait());
    const at = lastPublishAt + (i % 21) * 0.25;
    while (performance.now() < at); // a timer is too coarse for a 0.25 ms step
    result.afterPublish.push(await commitAndWait());
  }
  await relay.stop();
  await inner.close();
  return result;
}
