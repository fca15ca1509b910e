import { Elysia, t } from "elysia";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  bearerToken,
  NotFound,
  Unauthorized,
  Validation,
  type SessionCheck,
  type TokenService,
} from "@todo/service-kit";
import type { Database } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { NotificationStatus } from "@todo/schemas";
import { NotificationPage, NotificationView } from "@todo/schemas/api";
import { notifications, type NotificationRow } from "../db/schema.ts";

const STATUSES: string[] = NotificationStatus.anyOf.map((literal) => literal.const);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const view = (n: NotificationRow): NotificationView => ({
  id: n.id,
  task_id: n.taskId,
  title: n.title,
  message: n.message,
  kind: n.kind,
  target_time: n.targetTime.toISOString(),
  delivered_at: n.deliveredAt.toISOString(),
  status: n.status,
  read_at: n.readAt?.toISOString() ?? null,
  all_day: n.allDay,
});

/** `GET /api/notifications?status=` and `POST /api/notifications/:id/read` (API.md). */
export const notificationRoutes = (deps: {
  database: Database;
  tokens: TokenService;
  sessions: SessionCheck;
  clock: Clock;
}) =>
  new Elysia({ name: "notification-routes", detail: { tags: ["notifications"] } })
    .derive({ as: "scoped" }, async ({ request }) => {
      const token = bearerToken(request.headers);
      const userId = token ? await deps.tokens.verify(token) : null;
      if (!userId) throw new Unauthorized("sign in first: send Authorization: Bearer <token>");
      // Signed out (or its user is gone): the backend keeps that list, so it is asked. When it
      // cannot answer, the signature and expiry stand alone rather than failing every request.
      if ((await deps.sessions.check(token!)) === "ended")
        throw new Unauthorized("the session was signed out; sign in again");
      return { userId };
    })
    .get(
      "/api/notifications",
      async ({ userId, query }) => {
        const statuses = query.status
          ? query.status.split(",").map((s) => s.trim())
          : ["delivered", "missed"];
        for (const s of statuses)
          if (!STATUSES.includes(s))
            throw new Validation("status", `'${s}' is not one of ${STATUSES.join(", ")}`);
        const limit = query.limit ? Number(query.limit) : 100;
        if (!Number.isInteger(limit) || limit < 1 || limit > 500)
          throw new Validation("limit", "must be a whole number from 1 to 500");
        const mine = eq(notifications.userId, userId);
        const rows = await deps.database.db
          .select()
          .from(notifications)
          .where(and(mine, inArray(notifications.status, statuses as NotificationRow["status"][])))
          .orderBy(desc(notifications.targetTime))
          .limit(limit);
        const [unread] = await deps.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(notifications)
          .where(
            and(mine, isNull(notifications.readAt), inArray(notifications.status, ["delivered", "missed"])),
          );
        return { items: rows.map(view), unread_count: unread?.n ?? 0 };
      },
      {
        query: t.Object({ status: t.Optional(t.String()), limit: t.Optional(t.String()) }),
        response: { 200: NotificationPage },
      },
    )
    .post(
      "/api/notifications/:id/read",
      async ({ userId, params }) => {
        if (!UUID.test(params.id)) throw new NotFound(`no notification with id ${params.id}`);
        const mine = and(eq(notifications.id, params.id), eq(notifications.userId, userId));
        await deps.database.db
          .update(notifications)
          .set({ readAt: deps.clock.now() })
          .where(and(mine, isNull(notifications.readAt)));
        const [row] = await deps.database.db.select().from(notifications).where(mine);
        if (!row) throw new NotFound(`no notification with id ${params.id}`);
        return view(row);
      },
      { response: { 200: NotificationView } },
    );
