// What the chaos run proves, read from the services' own databases once the faults are over and the
// backlog has drained (SC-003, SC-004, SC-010). Fetching is separate from checking, so the checks are
// plain functions over rows and a test can plant a fault in the rows and see it found.
import type { EventFilters } from "@todo/messaging";
import type { TopicName } from "@todo/schemas";
import { notifierIgnores } from "../../services/notifier/src/consumers.ts";
import { recurringIgnores } from "../../services/recurring/src/consumers.ts";
import type { DatabaseName } from "../lib/cluster.ts";
import type { Mutation } from "./workload.ts";

/** The consumers of each topic, each named as its service (the inbox lives in that service's database). */
export const SUBSCRIBERS: Record<string, DatabaseName[]> = {
  "task-events": ["recurring", "notifier"],
  reminders: ["backend", "recurring", "notifier"],
};

/** What each consumer acknowledges without an inbox row: the services' own filters. */
const IGNORES: Partial<Record<DatabaseName, EventFilters>> = {
  recurring: recurringIgnores,
  notifier: notifierIgnores,
};

export interface OutboxRow {
  db: DatabaseName;
  eventId: string;
  topic: string;
  eventType?: string;
  taskId?: string;
  reminderId?: string;
  reminderType?: string;
  seriesId?: string;
  targetTime?: number;
  timestamp?: number;
  missed: boolean;
  published: boolean;
  /** The whole event, for the consumers' ignore filters. */
  event?: unknown;
}
export interface InboxRow {
  db: DatabaseName;
  consumer: string;
  eventId: string;
}
export interface NotificationRow {
  reminderId: string;
  taskId: string;
  kind: string;
  status: string;
  targetTime: number;
  deliveredAt: number;
}
export interface TaskRow {
  id: string;
  seriesId?: string;
  occurrenceAt?: number;
}
export interface Snapshot {
  outbox: OutboxRow[];
  inbox: InboxRow[];
  notifications: NotificationRow[];
  tasks: TaskRow[];
  conflicts: { seriesId: string; occurrenceAt: number }[];
}

export interface Check {
  name: string;
  checked: number;
  failures: number;
  examples: string[];
}

type Query = (db: DatabaseName, text: string) => Promise<Record<string, unknown>[]>;
const ms = (v: unknown) => (v === null || v === undefined ? undefined : new Date(v as string).getTime());
const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

export async function readSnapshot(query: Query): Promise<Snapshot> {
  const outbox: OutboxRow[] = [];
  const inbox: InboxRow[] = [];
  for (const db of ["backend", "recurring", "notifier"] as const) {
    const rows = await query(
      db,
      `select event_id::text as event_id, topic, payload->>'event_type' as event_type, payload->>'task_id' as task_id, payload->>'reminder_id' as reminder_id,
              payload->>'reminder_type' as reminder_type, payload->>'series_id' as series_id, payload->>'target_time' as target_time, payload->>'timestamp' as ts,
              coalesce((payload->>'missed')::boolean, false) as missed, published_at is not null as published,
              payload::text as payload
         from outbox`,
    );
    for (const r of rows)
      outbox.push({
        db,
        eventId: r.event_id as string,
        topic: r.topic as string,
        eventType: str(r.event_type),
        taskId: str(r.task_id),
        reminderId: str(r.reminder_id),
        reminderType: str(r.reminder_type),
        seriesId: str(r.series_id),
        targetTime: ms(r.target_time),
        timestamp: ms(r.ts),
        missed: Boolean(r.missed),
        published: Boolean(r.published),
        event: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
      });
    for (const r of await query(db, "select consumer, event_id from inbox"))
      inbox.push({ db, consumer: r.consumer as string, eventId: r.event_id as string });
  }
  const notifications = (
    await query(
      "notifier",
      "select reminder_id::text as reminder_id, task_id::text as task_id, kind, status, target_time, delivered_at from notifications",
    )
  ).map((r) => ({
    reminderId: r.reminder_id as string,
    taskId: r.task_id as string,
    kind: r.kind as string,
    status: r.status as string,
    targetTime: ms(r.target_time)!,
    deliveredAt: ms(r.delivered_at)!,
  }));
  const tasks = (
    await query("backend", "select id::text as id, series_id::text as series_id, occurrence_at from tasks")
  ).map((r) => ({ id: r.id as string, seriesId: str(r.series_id), occurrenceAt: ms(r.occurrence_at) }));
  const conflicts = (
    await query("backend", "select series_id::text as series_id, occurrence_at from recurrence_conflicts")
  ).map((r) => ({ seriesId: r.series_id as string, occurrenceAt: ms(r.occurrence_at)! }));
  return { outbox, inbox, notifications, tasks, conflicts };
}

function check(name: string, items: unknown[], failed: (item: any) => string | undefined): Check {
  const failures = items.flatMap((item) => {
    const why = failed(item);
    return why ? [why] : [];
  });
  return { name, checked: items.length, failures: failures.length, examples: failures.slice(0, 5) };
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

export interface VerifyOptions {
  mutations: Mutation[];
  graceSeconds: number;
  /** epoch ms: reminders due before this must have fired and been handled by now */
  settledBefore: number;
}

/** Every check of the chaos run; a check with failures > 0 is a broken promise. */
export function verify(s: Snapshot, options: VerifyOptions): Check[] {
  const handled = new Set(s.inbox.map((i) => `${i.db}|${i.consumer}|${i.eventId}`));
  const fired = s.outbox.filter((o) => o.db === "recurring" && o.eventType === "reminder.fired");
  const notificationsByReminder = countBy(s.notifications, (n) => n.reminderId);
  const notificationOf = new Map(s.notifications.map((n) => [n.reminderId, n]));
  const acknowledged = options.mutations.filter((m) => m.outcome === "acknowledged" && m.taskId);
  const backendEvents = new Set(
    s.outbox
      .filter((o) => o.db === "backend" && o.topic === "task-events")
      .map((o) => `${o.taskId}|${o.eventType}`),
  );
  const cancelled = new Set(
    s.outbox
      .filter((o) => o.db === "backend" && o.eventType === "reminder.cancelled")
      .map((o) => o.reminderId),
  );
  const firedIds = new Set(fired.map((f) => f.reminderId));
  const scheduled = s.outbox.filter(
    (o) =>
      o.db === "backend" &&
      o.eventType === "reminder.scheduled" &&
      !cancelled.has(o.reminderId) &&
      o.targetTime! < options.settledBefore,
  );
  // An event a consumer's own filter ignores is acknowledged with no inbox row: not a delivery to check.
  const deliveries = s.outbox
    .filter((o) => o.published && SUBSCRIBERS[o.topic])
    .flatMap((o) => SUBSCRIBERS[o.topic]!.map((consumer) => ({ o, consumer })))
    .filter(({ o, consumer }) => !(o.event && IGNORES[consumer]?.[o.topic as TopicName]?.(o.event as never)));
  const instances = new Set(s.tasks.filter((t) => t.seriesId).map((t) => `${t.seriesId}|${t.occurrenceAt}`));
  const conflicts = new Set(s.conflicts.map((c) => `${c.seriesId}|${c.occurrenceAt}`));
  const deleted = new Set(
    options.mutations.filter((m) => m.outcome === "acknowledged" && m.kind === "delete").map((m) => m.taskId),
  );
  const grace = options.graceSeconds * 1000;
  const firedCounts = countBy(fired, (f) => f.reminderId!);
  const byOccurrence = countBy(
    s.tasks.filter((t) => t.seriesId),
    (t) => `${t.seriesId}|${t.occurrenceAt}`,
  );
  const byTaskTarget = countBy(s.notifications, (n) => `${n.taskId}|${n.targetTime}|${n.kind}`);

  return [
    check("every outbox row was published (all three services)", s.outbox, (o: OutboxRow) =>
      o.published ? undefined : `${o.db} outbox ${o.eventId} (${o.topic} ${o.eventType}) unpublished`,
    ),
    check(
      "every published event is in the inbox of every consumer of its topic",
      deliveries,
      ({ o, consumer }: { o: OutboxRow; consumer: DatabaseName }) =>
        handled.has(`${consumer}|${consumer}|${o.eventId}`)
          ? undefined
          : `${o.topic} ${o.eventType} ${o.eventId} (from ${o.db}) not handled by ${consumer}`,
    ),
    check("every acknowledged mutation wrote its task-events event", acknowledged, (m: Mutation) =>
      backendEvents.has(`${m.taskId}|${m.eventType}`)
        ? undefined
        : `${m.kind} of ${m.taskId} acknowledged at ${m.at.toFixed(0)} ms has no ${m.eventType}`,
    ),
    check(
      "every scheduled reminder due before the end fired (delivered, suppressed or missed)",
      scheduled,
      (o: OutboxRow) =>
        firedIds.has(o.reminderId)
          ? undefined
          : `reminder ${o.reminderId} due ${new Date(o.targetTime!).toISOString()} never fired`,
    ),
    check(
      "no reminder fired twice (one reminder.fired per reminder)",
      [...firedCounts.entries()],
      ([id, n]: [string, number]) => (n > 1 ? `reminder ${id} fired ${n} times` : undefined),
    ),
    check("every fire has exactly one notification", [...firedIds], (id: string) => {
      const n = notificationsByReminder.get(id) ?? 0;
      return n === 1 ? undefined : `reminder ${id}: ${n} notifications`;
    }),
    check(
      "no notification exists twice (per reminder, and per task, target and kind)",
      s.notifications,
      (n: NotificationRow) =>
        notificationsByReminder.get(n.reminderId)! > 1 ||
        byTaskTarget.get(`${n.taskId}|${n.targetTime}|${n.kind}`)! > 1
          ? `notification for task ${n.taskId} at ${new Date(n.targetTime).toISOString()} is duplicated`
          : undefined,
    ),
    // A reminder whose task was completed or deleted first is suppressed, late or not (ARCHITECTURE.md).
    check(
      `grace rule (${options.graceSeconds} s): fired later than that is missed (or suppressed), within it delivered (or suppressed)`,
      fired,
      (f: OutboxRow) => {
        const late = f.timestamp! - f.targetTime!;
        const status = notificationOf.get(f.reminderId!)?.status;
        if (f.missed !== late > grace)
          return `reminder ${f.reminderId} fired ${(late / 1000).toFixed(1)} s late with missed=${f.missed}`;
        if (status && status !== "suppressed" && (status === "missed") !== f.missed)
          return `reminder ${f.reminderId} fired missed=${f.missed} but its notification is ${status}`;
        return undefined;
      },
    ),
    check(
      "no recurring instance exists twice (series, occurrence)",
      s.tasks.filter((t) => t.seriesId),
      (t: TaskRow) =>
        byOccurrence.get(`${t.seriesId}|${t.occurrenceAt}`)! > 1
          ? `series ${t.seriesId} has ${byOccurrence.get(`${t.seriesId}|${t.occurrenceAt}`)} instances at ${new Date(t.occurrenceAt!).toISOString()}`
          : undefined,
    ),
    check(
      "every recurring fire has its instance or a recorded conflict",
      fired.filter((f) => f.reminderType === "recurring" && !f.missed && !deleted.has(f.taskId)),
      (f: OutboxRow) =>
        instances.has(`${f.seriesId}|${f.targetTime}`) || conflicts.has(`${f.seriesId}|${f.targetTime}`)
          ? undefined
          : `series ${f.seriesId} fired for ${new Date(f.targetTime!).toISOString()} has no instance and no conflict`,
    ),
  ];
}
