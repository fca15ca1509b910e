import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import type { NotificationKind, NotificationStatus, Priority, TaskStatus } from "@todo/schemas";

export { inbox, outbox } from "@todo/messaging/db";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * The notifier's own view of tasks, built from `task-events` (it never reads the backend's
 * tables): enough to decide whether a reminder is still worth showing.
 */
export const taskProjection = pgTable(
  "task_projection",
  {
    taskId: uuid("task_id").primaryKey(),
    userId: uuid("user_id").notNull(),
    title: text("title").notNull(),
    priority: text("priority").$type<Priority>().notNull(),
    tags: text("tags").array().notNull(),
    status: text("status").$type<TaskStatus>().notNull(),
    deleted: boolean("deleted").notNull().default(false),
    seriesId: uuid("series_id"),
    occurrenceAt: instant("occurrence_at"),
    reminderId: uuid("reminder_id"),
    /** timestamp of the last event applied; an older event arriving late changes nothing */
    eventAt: instant("event_at").notNull(),
  },
  (t) => [index("task_projection_series_idx").on(t.seriesId, t.occurrenceAt)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    taskId: uuid("task_id").notNull(),
    reminderId: uuid("reminder_id").notNull(),
    kind: text("kind").$type<NotificationKind>().notNull(),
    title: text("title").notNull(),
    message: text("message").notNull(),
    targetTime: instant("target_time").notNull(),
    deliveredAt: instant("delivered_at").notNull(),
    status: text("status").$type<NotificationStatus>().notNull(),
    readAt: instant("read_at"),
    /** a date-only series' occurrence: about a day, not a time (target_time is its local midnight) */
    allDay: boolean("all_day").notNull().default(false),
  },
  (t) => [
    // One notification per reminder fire, however often the fire is delivered or repeated.
    uniqueIndex("notifications_reminder_idx").on(t.reminderId),
    index("notifications_user_idx").on(t.userId, t.targetTime),
  ],
);

export type ProjectionRow = typeof taskProjection.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
