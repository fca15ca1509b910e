import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { revokedSessions, users, type UserRow } from "../db/schema.ts";

export interface Session {
  userId: string;
  sessionId: string;
  expiresAt: Date;
}

/** Ends a session: its token is refused from now on, here; twice is harmless. */
export async function revokeSession(db: Db, clock: Clock, session: Session): Promise<void> {
  const now = clock.now();
  await db
    .insert(revokedSessions)
    .values({ ...session, revokedAt: now })
    .onConflictDoNothing();
  // An expired token is refused anyway: its row has done its job.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
}

// One statement per database, built once: it runs on every signed-in request.
const sessionUserQueries = new WeakMap<Db, ReturnType<typeof prepareSessionUser>>();

const prepareSessionUser = (db: Db) =>
  db
    .select({
      user: users,
      revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${sql.placeholder("sessionId")})`,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .limit(1)
    .prepare("auth_session_user");

/**
 * The user a live session belongs to: undefined when the user is gone or the session was signed
 * out. One round trip where a user lookup and a revocation lookup took two.
 */
export async function findSessionUser(
  db: Db,
  session: Pick<Session, "userId" | "sessionId">,
): Promise<UserRow | undefined> {
  let query = sessionUserQueries.get(db);
  if (!query) sessionUserQueries.set(db, (query = prepareSessionUser(db)));
  const [row] = await query.execute({ userId: session.userId, sessionId: session.sessionId });
  return row && !row.revoked ? row.user : undefined;
}
