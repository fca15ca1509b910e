// The baseline: the same queries served by Bun.serve and the database client alone, with no
// framework, no auth, no validation and no drizzle: what the hardware gives for this SQL.
import type { Database } from "@todo/messaging/db";
import type { QueryKind } from "./queries.ts";

type RawClient = { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> };

/** Serves GET /<index of the query kind> with that kind's SQL for `userId`; returns the server. */
export function startBareServer(database: Database, kinds: QueryKind[], userId: string) {
  // drizzle keeps the driver's own client: PGlite, or node-postgres's Pool; both have query(text, params).
  const client = (database.db as unknown as { $client: RawClient }).$client;
  return Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const kind = kinds[Number(new URL(request.url).pathname.slice(1))];
      if (!kind) return new Response("no such query", { status: 404 });
      const { rows } = await client.query(kind.bareSql, [userId]);
      return Response.json({ items: rows.slice(0, 50), next_cursor: rows.length > 50 ? "more" : null });
    },
  });
}
