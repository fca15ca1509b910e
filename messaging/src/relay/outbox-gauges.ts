import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "../db/database.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Clock } from "../support/clock.ts";

/**
 * `outbox_backlog` and `outbox_oldest_age_seconds` on /metrics: how many rows wait to be published
 * and for how long the oldest has. One query per scrape feeds both gauges.
 * @example
 * registerOutboxGauges(registry, database, systemClock);
 */
export function registerOutboxGauges(registry: Metrics, database: Database, clock: Clock): void {
  let now = { backlog: 0, ageSeconds: 0 };
  const backlog = registry.gauge("outbox_backlog", "unpublished outbox rows", async () => [
    { value: now.backlog },
  ]);
  const age = registry.gauge(
    "outbox_oldest_age_seconds",
    "age of the oldest unpublished outbox row",
    async () => [{ value: now.ageSeconds }],
  );
  registry.onScrape(async () => {
    const [row] = rowsOf<{ n: number; oldest: string | Date | null }>(
      await database.db.execute(
        sql`select count(*)::int as n, min(created_at) as oldest from outbox where published_at is null`,
      ),
    );
    now = {
      backlog: row?.n ?? 0,
      ageSeconds: row?.oldest
        ? Math.max(0, (clock.now().getTime() - new Date(row.oldest).getTime()) / 1000)
        : 0,
    };
    await Promise.all([backlog.refresh(), age.refresh()]);
  });
}
