// Seeds bench/lib/task-corpus.ts's tasks for one user in SQL, 2,000 rows a statement: the
// benchmark is about reading, and 100,000 HTTP creates would take many minutes.
import { sql } from "drizzle-orm";
import type { Database } from "@todo/messaging/db";
import { corpus } from "../lib/task-corpus.ts";

const BATCH = 2000;

/** Inserts the user and the corpus's first `count` tasks, created one minute apart from 2026-01-01. */
export async function seedCorpus(database: Database, userId: string, count: number): Promise<void> {
  await database.db.execute(
    sql`insert into users (id, email, password_hash, timezone, created_at, updated_at) values (${userId}, ${`bench-${userId}@example.com`}, 'x', 'UTC', now(), now())`,
  );
  for (let start = 0; start < count; start += BATCH) {
    const rows = corpus(Math.min(count, start + BATCH)).slice(start);
    const column = <T>(pick: (t: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
    await database.db.execute(sql`
      insert into tasks (id, user_id, title, description, status, priority, tags, due_date, completed_at, created_at, updated_at)
      select gen_random_uuid(), ${userId}, t, d, s::task_status, p::task_priority, string_to_array(l, ','), dd::date, ca::timestamptz,
        timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute', now()
      from unnest(${column((t) => t.title)}::text[], ${column((t) => t.description)}::text[], ${column((t) => (t.done ? "completed" : "pending"))}::text[],
        ${column((t) => t.priority)}::text[], ${column((t) => t.labels.join(","))}::text[], ${column((t) => t.dueDate)}::text[],
        ${column((t) => t.doneDate)}::text[], ${column((t) => t.index)}::int[]) as u(t, d, s, p, l, dd, ca, i)`);
  }
}
