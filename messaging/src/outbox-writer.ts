import { validateEvent, type AnyEvent } from "@todo/schemas";
import type { Db } from "./db/database.ts";
import { notifyWakeUp } from "./db/listen-for-wake-ups.ts";
import { outbox } from "./db/tables.ts";

/** The NOTIFY channel that wakes the relay when a transaction commits new outbox rows (one per schema: `notifyWakeUp`). */
export const OUTBOX_CHANNEL = "outbox";

export class InvalidEventError extends Error {
  constructor(topic: string, problems: string[]) {
    super(`event for ${topic} breaks its contract: ${problems.join("; ")}`);
  }
}

/**
 * Adds events to the outbox inside the caller's transaction, so they exist exactly when the change
 * that caused them commits. Each event is checked against its topic's contract first; messages are
 * keyed by `task_id` so one task's events stay in order.
 * @example
 * await db.transaction(async (tx) => {
 *   await tx.insert(tasks).values(row);
 *   await appendEvents(tx, [{ topic: "task-events", event }]);
 * });
 */
export async function appendEvents(tx: Db, events: AnyEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(({ topic, event }) => {
    const problems = validateEvent(topic, event);
    if (problems.length > 0) throw new InvalidEventError(topic, problems);
    return { eventId: event.event_id, topic, key: event.task_id, payload: event };
  });
  // One statement: the rows and the relay's wake-up. NOTIFY is delivered at commit, never for a
  // rolled-back transaction.
  await notifyWakeUp(tx, OUTBOX_CHANNEL, tx.insert(outbox).values(rows).getSQL());
}
