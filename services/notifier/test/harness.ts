import { asc, eq } from "drizzle-orm";
import {
  createMemoryTransport,
  Metrics,
  messagingMetrics,
  startConsumer,
  startRelay,
  type Delivered,
} from "@todo/messaging";
import type { DatabaseKind } from "@todo/messaging/db";
import {
  acceptSignedSessions,
  createLogger,
  DEFAULT_MAX_CALLBACK_BYTES,
  createTokenService,
  fixedClock,
} from "@todo/service-kit";
import type { OccurrenceLanding, ReminderEvent, TaskEvent, TaskUpdateEvent } from "@todo/schemas";
import { freshDatabase } from "../../../scripts/testing/fresh-database.ts";
import { taskSnapshot } from "../../../scripts/testing/task-fixtures.ts";
import { createApp } from "../src/app.ts";
import { notifierBatchHandlers, notifierHandlers, notifierIgnores } from "../src/consumers.ts";
import { notifications } from "../src/db/schema.ts";
import { CONSUMER, MIGRATIONS } from "../src/main.ts";

export const NOW = new Date("2026-12-04T13:00:00Z");
const SECRET = "notifier-test-secret-0123456789-0123456789";

/** The notifier's consumers, relay and API on a fresh database, fed through the in-process transport. */
export async function startTestNotifier(kind: DatabaseKind = "pglite") {
  const database = await freshDatabase(kind, MIGRATIONS);
  const transport = createMemoryTransport({ retryDelayMs: 10 });
  const clock = fixedClock(NOW);
  const metrics = new Metrics();
  const messaging = messagingMetrics(metrics);
  const tokens = createTokenService(SECRET, 3600, clock, "notifier");
  const consumer = await startConsumer({
    name: CONSUMER,
    database,
    transport,
    handlers: notifierHandlers(clock),
    batchHandlers: notifierBatchHandlers(clock),
    ignores: notifierIgnores,
    metrics: messaging,
  });
  const relay = startRelay({ database, transport, clock, metrics: messaging, pollMs: 20 });
  const updates: TaskUpdateEvent[] = [];
  const spy = await transport.subscribe({
    group: "site-spy",
    topics: ["task-updates"],
    onMessage: async (m: Delivered) => void updates.push(JSON.parse(m.value)),
  });
  // These tokens name users no backend holds: the sign-out check is tested against a real backend
  // in e2e/hostile-requests.int.test.ts.
  const app = createApp({
    database,
    transport,
    clock,
    tokens,
    sessions: acceptSignedSessions,
    metrics,
    maxBodyBytes: 65536,
    maxCallbackBytes: DEFAULT_MAX_CALLBACK_BYTES,
    logger: createLogger({ service: "notifier" }),
  });
  let published = 0;
  const publish = (topic: "task-events" | "reminders", event: TaskEvent | ReminderEvent) =>
    transport.publish([{ topic, key: event.task_id, value: JSON.stringify(event), headers: {} }]);
  return {
    database,
    clock,
    updates,
    publish,
    /** Waits until every message published so far has been handled (or ignored). */
    async settle() {
      const handled = () =>
        messaging.consumed.get({ consumer: CONSUMER, topic: "task-events" }) +
        messaging.consumed.get({ consumer: CONSUMER, topic: "reminders" }) +
        messaging.duplicates.get({ consumer: CONSUMER, topic: "task-events" }) +
        messaging.duplicates.get({ consumer: CONSUMER, topic: "reminders" }) +
        messaging.ignored.get({ consumer: CONSUMER, topic: "reminders" });
      const target = published;
      const deadline = Date.now() + 10_000;
      while (handled() < target) {
        if (Date.now() > deadline) throw new Error(`only ${handled()} of ${target} events handled`);
        await Bun.sleep(10);
      }
      await relay.drain();
      await Bun.sleep(30);
    },
    async send(topic: "task-events" | "reminders", event: TaskEvent | ReminderEvent) {
      published++;
      await publish(topic, event);
    },
    /** Publishes the events in one go on one partition, so the consumer takes them as one batch. */
    async sendTogether(topic: "task-events" | "reminders", events: (TaskEvent | ReminderEvent)[]) {
      published += events.length;
      await transport.publish(
        events.map((event) => ({
          topic,
          key: events[0]!.task_id,
          value: JSON.stringify(event),
          headers: {},
        })),
      );
    },
    token: (userId: string) => tokens.issue(userId),
    async call(method: string, path: string, token?: string) {
      const res = await app.handle(
        new Request(`http://localhost${path}`, {
          method,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
      );
      return { status: res.status, body: (await res.json()) as any };
    },
    stored: () => database.db.select().from(notifications).orderBy(asc(notifications.targetTime)),
    storedFor: (reminderId: string) =>
      database.db.select().from(notifications).where(eq(notifications.reminderId, reminderId)),
    async close() {
      await spy.stop();
      await consumer.stop();
      await relay.stop();
      await transport.close();
      await database.drop();
    },
  };
}

export const USER = "0a000000-0000-4000-8000-000000000001";

export function taskEvent(
  taskId: string,
  type: TaskEvent["event_type"],
  payload: Partial<TaskEvent["payload"]> = {},
  at = NOW,
): TaskEvent {
  return {
    schema_version: 1,
    event_id: crypto.randomUUID(),
    event_type: type,
    task_id: taskId,
    user_id: USER,
    timestamp: at.toISOString(),
    payload: taskSnapshot("dentist appointment", {
      status: type === "task.completed" ? "completed" : "pending",
      ...payload,
    }),
  };
}

export function fired(
  taskId: string,
  reminderId: string,
  overrides: Partial<ReminderEvent> = {},
): ReminderEvent {
  return {
    schema_version: 1,
    event_id: crypto.randomUUID(),
    event_type: "reminder.fired",
    reminder_id: reminderId,
    task_id: taskId,
    user_id: USER,
    timestamp: NOW.toISOString(),
    target_time: NOW.toISOString(),
    reminder_type: "one-time",
    ...overrides,
  };
}

/** The backend's `task.occurrence`: where a series' fired occurrence landed, with that instance as it stood. */
export function occurred(
  taskId: string,
  occurrence: Partial<OccurrenceLanding> & Pick<OccurrenceLanding, "reminder_id">,
  payload: Partial<TaskEvent["payload"]> = {},
): TaskEvent {
  return {
    ...taskEvent(taskId, "task.occurrence", payload),
    occurrence: { outcome: "existing", target_time: NOW.toISOString(), ...occurrence },
  };
}
