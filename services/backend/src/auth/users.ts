import { eq } from "drizzle-orm";
import type { UserView } from "@todo/schemas/api";
import type { Db } from "@todo/messaging/db";
import { users, type UserRow } from "../db/schema.ts";

export type { UserView };

export const toUserView = (row: UserRow): UserView => ({
  id: row.id,
  email: row.email,
  name: row.name,
  timezone: row.timezone,
});

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}
