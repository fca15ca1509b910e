import { eq } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import type { Clock } from "@todo/service-kit";
import { checkDisplayText, Conflict, Unauthorized, Validation } from "@todo/service-kit";
import { users } from "../db/schema.ts";
import { isValidTimeZone } from "../time/zoned.ts";
import type { PasswordWork } from "./password-work.ts";
import { findUserByEmail, findUserById, toUserView, type UserView } from "./users.ts";

export interface SignupInput {
  email: string;
  password: string;
  name?: string;
  timezone?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form an email is stored, looked up and rate-limited in: `" Ada@Example.COM "` → `"ada@example.com"`. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!EMAIL.test(normalized)) throw new Validation("email", "must be an email address like ada@example.com");
  return normalized;
}

export function checkTimeZone(zone: string): string {
  if (!isValidTimeZone(zone))
    throw new Validation(
      "timezone",
      `unknown IANA time zone '${zone}' (for example Europe/Berlin or America/New_York)`,
    );
  return zone;
}

// The same answer whether the email is taken or not would need email verification (API.md's
// signup returns a session at once), so the status still tells; what it no longer tells is the
// timing: the password is hashed either way, and the message does not repeat the address.
const taken = () => new Conflict("an account with this email already exists; sign in instead");

export async function signup(
  db: Db,
  clock: Clock,
  passwords: PasswordWork,
  input: SignupInput,
): Promise<UserView> {
  const email = checkEmail(input.email);
  const timezone = checkTimeZone(input.timezone ?? "UTC");
  if (input.password.length < 8) throw new Validation("password", "must be at least 8 characters long");
  const [existing, passwordHash] = await Promise.all([
    findUserByEmail(db, email),
    passwords.hash(input.password),
  ]);
  if (existing) throw taken();
  const now = clock.now();
  const row = {
    id: Bun.randomUUIDv7(),
    email,
    name: checkDisplayText("name", input.name?.trim() ?? ""),
    timezone,
    passwordHash,
    createdAt: now,
    updatedAt: now,
  };
  const inserted = await db.insert(users).values(row).onConflictDoNothing().returning();
  // Two signups for one email racing past the check above: the unique index decides.
  if (inserted.length === 0) throw taken();
  return toUserView(row);
}

// Verifying against a fixed hash when the email is unknown keeps response times alike, so the
// login endpoint does not reveal which emails have accounts.
const decoyHash = Bun.password.hash("decoy-password-for-timing", { algorithm: "argon2id" });

export async function login(
  db: Db,
  passwords: PasswordWork,
  email: string,
  password: string,
): Promise<UserView> {
  const user = await findUserByEmail(db, normalizeEmail(email));
  const ok = await passwords.verify(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) throw new Unauthorized("wrong email or password");
  return toUserView(user);
}

export async function updateProfile(
  db: Db,
  clock: Clock,
  userId: string,
  patch: { name?: string; timezone?: string },
): Promise<UserView> {
  const changes: Partial<typeof users.$inferInsert> = { updatedAt: clock.now() };
  if (patch.name !== undefined) changes.name = checkDisplayText("name", patch.name.trim());
  if (patch.timezone !== undefined) changes.timezone = checkTimeZone(patch.timezone);
  await db.update(users).set(changes).where(eq(users.id, userId));
  const user = await findUserById(db, userId);
  if (!user) throw new Unauthorized("the account no longer exists");
  return toUserView(user);
}
