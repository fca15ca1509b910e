import { sql, type SQL } from "drizzle-orm";
import { validateEvent, type AnyEvent } from "@todo/schemas";
import { rowsOf, type Db } from "./db/database.ts";
import { notifyWakeUp, wakeUp } from "./db/listen-for-wake-ups.ts";
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
  const rows = outboxRows(events);
  // One statement: the rows and the relay's wake-up. NOTIFY is delivered at commit, never for a
  // rolled-back transaction.
  await notifyWakeUp(tx, OUTBOX_CHANNEL, tx.insert(outbox).values(rows).getSQL());
}

/**
 * Writes `change` (one INSERT, UPDATE or DELETE … RETURNING) and its events in one statement: one
 * implicit transaction, without the BEGIN and COMMIT round trips of `appendEvents` in a
 * transaction. The events are added, and the relay woken, only when `change` returned a row.
 * Returns how many rows `change` returned (0: nothing was written).
 * @example
 * const written = await writeWithEvents(db, db.insert(tasks).values(row).returning({ id: tasks.id }).getSQL(), events);
 */
export async function writeWithEvents(db: Db, change: SQL, events: AnyEvent[]): Promise<number> {
  const rows = outboxRows(events).map(({ eventId, ...row }) => ({ event_id: eventId, ...row }));
  // The events travel as one JSON parameter, whatever their number.
  const result = await db.execute(sql`with change as (${change}),
    along as (insert into ${outbox} (event_id, topic, key, payload)
      select event_id, topic, key, payload
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(event_id uuid, topic text, key text, payload jsonb)
      where exists (select 1 from change))
    select ${wakeUp(OUTBOX_CHANNEL)} from change`);
  return rowsOf(result).length;
}

function outboxRows(events: AnyEvent[]) {
  return events.map(({ topic, event }) => {
    const problems = validateEvent(topic, event);
    if (problems.length > 0) throw new InvalidEventError(topic, problems);
    return { eventId: event.event_id, topic, key: event.task_id, payload: event };
  });
}
