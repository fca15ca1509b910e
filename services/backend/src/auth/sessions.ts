import { eq, lt } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { revokedSessions } from "../db/schema.ts";

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

export async function isRevoked(db: Db, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(eq(revokedSessions.sessionId, sessionId))
    .limit(1);
  return row !== undefined;
}
