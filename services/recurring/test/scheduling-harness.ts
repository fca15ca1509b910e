import {
  createMemoryTransport,
  Metrics,
  messagingMetrics,
  startConsumer,
  startRelay,
  type Delivered,
} from "@todo/messaging";
import { and, eq } from "drizzle-orm";
import { inbox, type DatabaseKind } from "@todo/messaging/db";
import { createLogger, fixedClock } from "@todo/service-kit";
import type { RecurrenceRule, ReminderEvent, TaskEvent } from "@todo/schemas";
import { freshDatabase } from "../../../scripts/testing/fresh-database.ts";
import { taskSnapshot } from "../../../scripts/testing/task-fixtures.ts";
import { CONSUMER, recurringHandlers, recurringIgnores } from "../src/consumers.ts";
import { startEmbeddedScheduler } from "../src/schedules/embedded-scheduler.ts";

export { MIGRATIONS } from "../src/main.ts";
import { MIGRATIONS } from "../src/main.ts";
export const USER = "0a000000-0000-4000-8000-000000000002";

/** The recurring service's consumer, embedded scheduler and relay on a fresh database and a test clock. */
export async function startTestScheduling(kind: DatabaseKind, start: Date, graceMs = 15 * 60_000) {
  const database = await freshDatabase(kind, MIGRATIONS);
  const transport = createMemoryTransport({ retryDelayMs: 10 });
  const clock = fixedClock(start);
  const messaging = messagingMetrics(new Metrics());
  const settings = { graceMs, maxCatchUp: 50, logger: createLogger({ service: "recurring" }) };
  const consumer = await startConsumer({
    name: CONSUMER,
    database,
    transport,
    handlers: recurringHandlers(clock, settings.logger),
    ignores: recurringIgnores,
    metrics: messaging,
  });
  const relay = startRelay({ database, transport, clock, metrics: messaging, pollMs: 20 });
  const schedulers = [startEmbeddedScheduler({ database, clock, settings })];
  // Fires of different tasks travel on different partitions: keep them in target-time order.
  const fired: ReminderEvent[] = [];
  const spy = await transport.subscribe({
    group: "spy",
    topics: ["reminders"],
    onMessage: async (m: Delivered) => {
      const event = JSON.parse(m.value) as ReminderEvent;
      if (event.event_type === "reminder.fired") {
        fired.push(event);
        fired.sort((a, b) => a.target_time.localeCompare(b.target_time));
      }
    },
  });
  return {
    database,
    clock,
    fired,
    settings,
    /** Publishes an event and waits until the consumer has handled it (its inbox has the id) or ignored it. */
    async send(topic: "task-events" | "reminders", event: TaskEvent | ReminderEvent) {
      const ignoredBefore = messaging.ignored.get({ consumer: CONSUMER, topic });
      await transport.publish([{ topic, key: event.task_id, value: JSON.stringify(event), headers: {} }]);
      const deadline = Date.now() + 10_000;
      const handled = async () =>
        messaging.ignored.get({ consumer: CONSUMER, topic }) > ignoredBefore ||
        (
          await database.db
            .select()
            .from(inbox)
            .where(and(eq(inbox.consumer, CONSUMER), eq(inbox.eventId, event.event_id)))
        ).length > 0;
      while (!(await handled())) {
        if (Date.now() > deadline) throw new Error(`${event.event_id} not handled in time`);
        await Bun.sleep(5);
      }
    },
    /** Moves the clock and waits for the fires it causes to be published. */
    async advanceTo(instant: string | Date, expectFired?: number) {
      clock.set(new Date(instant));
      const deadline = Date.now() + 10_000;
      if (expectFired === undefined) {
        await Bun.sleep(150);
        return;
      }
      while (fired.length < expectFired) {
        if (Date.now() > deadline) throw new Error(`expected ${expectFired} fires, saw ${fired.length}`);
        await Bun.sleep(5);
      }
      await Bun.sleep(50);
    },
    /** Stops every running scheduler: the service is down. */
    async stopScheduler() {
      for (const scheduler of schedulers.splice(0)) await scheduler.stop();
    },
    /** Starts one more scheduler on the same database: a restart, or a second replica. */
    startScheduler() {
      schedulers.push(startEmbeddedScheduler({ database, clock, settings }));
    },
    async close() {
      for (const scheduler of schedulers.splice(0)) await scheduler.stop();
      await spy.stop();
      await consumer.stop();
      await relay.stop();
      await transport.close();
      await database.drop();
    },
  };
}

const snapshot = (payload: Partial<TaskEvent["payload"]>): TaskEvent["payload"] =>
  taskSnapshot("submit weekly report", payload);

export function seriesCreated(
  seriesId: string,
  taskId: string,
  rule: Partial<RecurrenceRule>,
  occurrenceAt: string,
  at: Date,
): TaskEvent {
  const recurrence: RecurrenceRule = {
    series_id: seriesId,
    rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0;BYSECOND=0",
    timezone: "Europe/Berlin",
    dtstart: "2026-12-04T14:00:00",
    frequency: "weekly",
    interval: 1,
    time_of_day: "14:00",
    text: "every Friday at 2 PM",
    active: true,
    ...rule,
  };
  return {
    schema_version: 1,
    event_id: crypto.randomUUID(),
    event_type: "task.created",
    task_id: taskId,
    user_id: USER,
    timestamp: at.toISOString(),
    payload: snapshot({ recurrence_rule: recurrence, series_id: seriesId, occurrence_at: occurrenceAt }),
  };
}

export function seriesUpdated(created: TaskEvent, rule: Partial<RecurrenceRule>, at: Date): TaskEvent {
  return {
    ...created,
    event_id: crypto.randomUUID(),
    event_type: "task.updated",
    timestamp: at.toISOString(),
    payload: { ...created.payload, recurrence_rule: { ...created.payload.recurrence_rule!, ...rule } },
  };
}

export function reminderEvent(
  type: "reminder.scheduled" | "reminder.cancelled",
  taskId: string,
  reminderId: string,
  target: string,
  at: Date,
): ReminderEvent {
  return {
    schema_version: 1,
    event_id: crypto.randomUUID(),
    event_type: type,
    reminder_id: reminderId,
    task_id: taskId,
    user_id: USER,
    timestamp: at.toISOString(),
    target_time: new Date(target).toISOString(),
    reminder_type: "one-time",
    title: "dentist appointment",
  };
}
