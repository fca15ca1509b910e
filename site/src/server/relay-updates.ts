import type { Metrics, Subscription, Transport } from "@todo/messaging";
import type { Logger } from "@todo/service-kit";
import { TASK_UPDATES_TOPIC, validateEvent, type TaskUpdateEvent } from "@todo/schemas";
import type { EventHub } from "./event-hub.ts";

/**
 * Reads `task-updates` in this replica's own consumer group and hands each event to the hub. A new
 * group starts at the latest offset: a browser needs what happens from now on, not the history
 * (its lists come from the API). An event that breaks the contract is logged and skipped; the site
 * is a relay with nothing to repair, and the producers' own DLQs hold the evidence.
 */
export async function relayTaskUpdates(options: {
  transport: Transport;
  hub: EventHub;
  group: string;
  metrics: Metrics;
  logger: Logger;
}): Promise<Subscription> {
  const relayed = options.metrics.counter(
    "site_events_relayed_total",
    "task-updates events received, by outcome",
  );
  await options.transport.ensureTopics([TASK_UPDATES_TOPIC]);
  return options.transport.subscribe({
    group: options.group,
    topics: [TASK_UPDATES_TOPIC],
    startAt: "latest",
    async onMessage(message) {
      let event: unknown;
      try {
        event = JSON.parse(message.value);
      } catch {
        event = undefined;
      }
      const problems = event === undefined ? ["not JSON"] : validateEvent(TASK_UPDATES_TOPIC, event);
      if (problems.length > 0) {
        options.logger.warn("skipped an invalid task-updates event", {
          partition: message.partition,
          offset: message.offset,
          event_id: message.headers.event_id,
          problems,
        });
        relayed.inc({ outcome: "invalid" });
        return;
      }
      const streams = options.hub.publish(event as TaskUpdateEvent);
      relayed.inc({ outcome: streams > 0 ? "sent" : "kept" });
    },
  });
}
