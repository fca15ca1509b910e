import { sql, type SQL } from "drizzle-orm";
import type { Logger } from "../support/logger.ts";
import { rowsOf, type Database, type Db } from "./database.ts";

/**
 * The channel `name` as seen from the schema a statement runs in: the embedded default keeps
 * every service of a process in one database, a schema each, so a commit in the backend's schema
 * must not wake the notifier's relay. In a database of its own the schema is `public`.
 */
const channelInSchema = (name: string) => sql`${name} || '_' || current_schema()`;

/** The expression that sends a wake-up on `channel` at commit (what `notifyWakeUp` selects). */
export const wakeUp = (channel: string): SQL => sql`pg_notify(${channelInSchema(channel)}, '')`;

/**
 * Sends a wake-up on `channel` to the loops of this schema when the caller's transaction commits
 * (never for a rolled-back one). `along`, a data-modifying statement (the outbox insert), runs in
 * the same statement as a WITH clause: one round trip instead of two.
 * @example
 * await db.transaction(async (tx) => { await tx.insert(jobs).values(row); await notifyWakeUp(tx, "jobs"); });
 * await notifyWakeUp(tx, "outbox", tx.insert(outbox).values(rows).getSQL());
 */
export async function notifyWakeUp(tx: Db, channel: string, along?: SQL): Promise<void> {
  const notify = sql`select ${wakeUp(channel)}`;
  await tx.execute(along ? sql`with along as (${along}) ${notify}` : notify);
}

/**
 * LISTENs on `channel` of the database's schema for a background loop (what `notifyWakeUp` sends)
 * and calls `onNotify` for each NOTIFY. When LISTEN is unavailable the loop keeps working on its
 * poll, and `fallback` is logged once. `listening` resolves to whether LISTEN answered. Once it has,
 * `onNotify` is called one time: a commit made while the LISTEN was on its way sent its NOTIFY to
 * nobody, so the loop looks once more instead of sleeping through it until its poll. `stop()` is
 * safe even before LISTEN has answered.
 */
export function listenForWakeUps(
  database: Database,
  channel: string,
  onNotify: () => void,
  fallback: string,
  logger: Logger,
): { listening: Promise<boolean>; stop(): Promise<void> } {
  let stopped = false;
  const unlisten = (async () => {
    const [row] = rowsOf<{ channel: string }>(
      await database.db.execute(sql`select ${channelInSchema(channel)} as channel`),
    );
    const stop = await database.listen(row!.channel, onNotify);
    onNotify();
    return stop;
  })().catch((error: Error) => {
    logger.warn(fallback, { error });
    return undefined;
  });
  return {
    listening: unlisten.then((stop) => stop !== undefined),
    async stop() {
      if (stopped) return;
      stopped = true;
      await (await unlisten)?.();
    },
  };
}
