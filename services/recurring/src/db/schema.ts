import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import type { ReminderType } from "@todo/schemas";

export { inbox, outbox } from "@todo/messaging/db";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The recurring service's own copy of each series' rule, built from `task-events`. */
export const recurrences = pgTable("recurrences", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  rrule: text("rrule").notNull(),
  dtstart: text("dtstart").notNull(),
  timezone: text("timezone").notNull(),
  count: integer("count"),
  until: instant("until"),
  active: boolean("active").notNull(),
  /** the latest instance's title, for the reminder text */
  title: text("title").notNull(),
  eventAt: instant("event_at").notNull(),
  /** why this rule cannot be scheduled (the core refused it); null for a usable rule */
  problem: text("problem"),
});

/**
 * One row per pending fire, under a deterministic id (`reminder:<task_id>`,
 * `recurrence:<series_id>:<instant>`), so rescheduling, cancelling and duplicate fires are harmless.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").$type<ReminderType>().notNull(),
    dueAt: instant("due_at").notNull(),
    taskId: uuid("task_id").notNull(),
    userId: uuid("user_id").notNull(),
    seriesId: uuid("series_id"),
    reminderId: uuid("reminder_id").notNull(),
    title: text("title").notNull(),
    /** `failed`: could not fire at all (logged); set aside so the jobs behind it still fire */
    status: text("status").$type<"scheduled" | "fired" | "missed" | "cancelled" | "failed">().notNull(),
    firedAt: instant("fired_at"),
    updatedAt: instant("updated_at").notNull(),
    /** false until an external scheduler (Dapr) has been told about the job's current state */
    synced: boolean("synced").notNull().default(false),
  },
  (t) => [
    index("jobs_due_idx").on(t.status, t.dueAt),
    index("jobs_series_idx").on(t.seriesId, t.status),
    index("jobs_unsynced_idx").on(t.synced),
  ],
);

export type SeriesRow = typeof recurrences.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
