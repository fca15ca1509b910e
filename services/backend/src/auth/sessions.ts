import { and, eq, lt, notExists } from "drizzle-orm";
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

/**
 * The session's user, or undefined when the user is gone or the session was revoked: one
 * statement for every signed-in request (it was two, and the embedded database runs one at a time).
 */
export async function findSessionUser(
  db: Db,
  session: Pick<Session, "userId" | "sessionId">,
): Promise<UserRow | undefined> {
  const revoked = db
    .select({ id: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(eq(revokedSessions.sessionId, session.sessionId));
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, session.userId), notExists(revoked)))
    .limit(1);
  return row;
}
