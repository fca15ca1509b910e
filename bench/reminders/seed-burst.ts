// The burst's reminders written straight into the services' tables, for when creating them
// through the API would take longer than the run may (the embedded default takes in ~25 new
// reminders a second here: each one is six transactions in one event loop). The rows are the ones
// the API path leaves behind once every consumer has taken the creation in: the recurring
// service's job (`reminder:<task_id>`, one-time, scheduled) and the notifier's projection of a
// pending task whose current reminder is that job's. The backend's own task rows are left out:
// a one-time fire only passes through the backend's inbox, which never reads them.
import type { Query } from "./stages.ts";

/** Writes `count` one-time reminders of `userId` due at `target`; ids are derived from `seed`. */
export async function seedBurst(
  query: Query,
  opts: { userId: string; target: Date; count: number; seed: string },
): Promise<void> {
  // Ids derived from md5 give both databases the same task and reminder ids without shipping
  // 20,000 of them; they are shaped as version-4 UUIDs, which the event contracts' check (in the
  // running services, @elysiajs/openapi's zod-based "uuid" format) insists on.
  const v4 = (text: string) =>
    `(select (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12))::uuid from md5(${text}) as h)`;
  const ids = (count: string, seed: string) =>
    `from generate_series(1, ${count}::int) as i, lateral (select ${v4(`'task' || ${seed} || i`)} as task_id, ${v4(`'reminder' || ${seed} || i`)} as reminder_id) as ids`;
  await query(
    "recurring",
    `insert into jobs (id, kind, due_at, task_id, user_id, series_id, reminder_id, title, status, fired_at, updated_at, synced)
     select 'reminder:' || task_id, 'one-time', $1::timestamptz, task_id, $2::uuid, null, reminder_id, 'burst ' || i, 'scheduled', null, now(), false ${ids("$3", "$4")}`,
    [opts.target.toISOString(), opts.userId, opts.count, opts.seed],
  );
  // Wakes a running scheduler (a restarted one looks at its jobs on start anyway).
  await query("recurring", "select pg_notify('jobs', '')", []);
  await query(
    "notifier",
    `insert into task_projection (task_id, user_id, title, priority, tags, status, deleted, series_id, occurrence_at, reminder_id, event_at)
     select task_id, $1::uuid, 'burst ' || i, 'medium', '{}', 'pending', false, null, null, reminder_id, now() ${ids("$2", "$3")}`,
    [opts.userId, opts.count, opts.seed],
  );
}
