import { bigserial, pgTable, text } from "drizzle-orm/pg-core";

export { inbox, outbox } from "../src/db/tables.ts";

/** A side effect per handled event, deliberately without a unique key: a duplicate shows up. */
export const effects = pgTable("effects", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  consumer: text("consumer").notNull(),
  eventId: text("event_id").notNull(),
  taskId: text("task_id").notNull(),
});
