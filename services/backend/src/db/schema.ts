import { getTableColumns, sql, type SQL } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export { inbox, outbox } from "@todo/messaging/db";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const users = pgTable("users", {
  id: uuid("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  timezone: text("timezone").notNull().default("UTC"),
  passwordHash: text("password_hash").notNull(),
  createdAt: instant("created_at").notNull(),
  updatedAt: instant("updated_at").notNull(),
});

// Declared low → high so that ORDER BY priority DESC lists high-priority tasks first.
export const priorityEnum = pgEnum("task_priority", ["low", "medium", "high"]);
export const statusEnum = pgEnum("task_status", ["pending", "completed", "cancelled"]);

/** A recurring series: the rule and the template each occurrence's instance is made from. */
export const series = pgTable(
  "series",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rrule: text("rrule").notNull(),
    dtstart: text("dtstart").notNull(),
    timezone: text("timezone").notNull(),
    count: integer("count"),
    until: instant("until"),
    text: text("text").notNull(),
    active: boolean("active").notNull().default(true),
    cancelledAt: instant("cancelled_at"),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("series_user_idx").on(t.userId)],
);

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: statusEnum("status").notNull().default("pending"),
    priority: priorityEnum("priority").notNull().default("medium"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    dueDate: date("due_date", { mode: "string" }),
    dueAt: instant("due_at"),
    seriesId: uuid("series_id").references(() => series.id, { onDelete: "set null" }),
    occurrenceAt: instant("occurrence_at"),
    reminderId: uuid("reminder_id"),
    reminderTime: instant("reminder_time"),
    completedAt: instant("completed_at"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
    // Keyword search's words, stored so that ranking a page reads them instead of re-parsing
    // every match (57 ms against 2 ms for 685 matches on PGlite). Title words weigh more.
    // The 'simple' configuration: no stemming or stop words, so any language and prefixes work.
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('simple', ${tasks.title}), 'A') || setweight(to_tsvector('simple', ${tasks.description}), 'B')`,
      ),
  },
  (t) => [
    index("tasks_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("tasks_user_status_due_idx").on(t.userId, t.status, t.dueDate),
    index("tasks_user_priority_idx").on(t.userId, t.priority, t.createdAt, t.id),
    // Matches search-tasks.ts's due sort key exactly, so "sort=due" pages are index scans.
    index("tasks_user_due_sort_idx").on(
      t.userId,
      sql`coalesce(${t.dueDate}, '9999-12-31'::date)`,
      sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
      t.id,
    ),
    index("tasks_user_completed_idx").on(t.userId, t.completedAt),
    index("tasks_tags_idx").using("gin", t.tags),
    index("tasks_search_idx").using("gin", t.searchVector),
    index("tasks_text_trgm_idx").using("gin", sql`(${t.title} || ' ' || ${t.description}) gin_trgm_ops`),
    uniqueIndex("tasks_series_occurrence_idx").on(t.seriesId, t.occurrenceAt),
  ],
);

/**
 * Tasks deleted recently, kept whole so a delete can be undone (the page's Undo, the chat's
 * "undo"). Rows older than the restore window are purged on the next delete.
 */
export const deletedTasks = pgTable(
  "deleted_tasks",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    task: jsonb("task").notNull(),
    // The delete stopped this series (it was active): a restore starts it again.
    stoppedSeriesId: uuid("stopped_series_id"),
    deletedAt: instant("deleted_at").notNull(),
  },
  (t) => [index("deleted_tasks_user_idx").on(t.userId, t.deletedAt)],
);

/**
 * Occurrences that made no instance because an earlier one was still pending (FR-006): recorded,
 * so the skip is visible, never silent.
 */
export const recurrenceConflicts = pgTable(
  "recurrence_conflicts",
  {
    seriesId: uuid("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    occurrenceAt: instant("occurrence_at").notNull(),
    pendingTaskId: uuid("pending_task_id").notNull(),
    recordedAt: instant("recorded_at").notNull(),
  },
  (t) => [uniqueIndex("recurrence_conflicts_idx").on(t.seriesId, t.occurrenceAt)],
);

/**
 * One chat conversation per row: the turns as jsonb, and what the next message may refer to
 * ("it" → last_task_id; an answer to "Which one?" → pending).
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    turns: jsonb("turns").notNull().default(sql`'[]'::jsonb`),
    lastTaskId: uuid("last_task_id"),
    pending: jsonb("pending"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [index("conversations_user_idx").on(t.userId, t.updatedAt)],
);

export type UserRow = typeof users.$inferSelect;
/** Every task column but the search vector, which only search reads; select with these. */
export const { searchVector: _searchVector, ...taskColumns } = getTableColumns(tasks);
export type TaskRow = Omit<typeof tasks.$inferSelect, "searchVector">;
export type SeriesRow = typeof series.$inferSelect;
export type DeletedTaskRow = typeof deletedTasks.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;

/**
 * Sessions ended by logout, until their token would have expired anyway: the auth guard refuses a
 * token whose `sid` is here. Rows past `expires_at` mean nothing and are pruned at each logout.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    userId: uuid("user_id").notNull(),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at").notNull(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);
