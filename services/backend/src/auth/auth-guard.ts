import { Elysia } from "elysia";
import type { Deps } from "../deps.ts";
import { Unauthorized } from "@todo/outbox/runtime";
import { findUserById } from "./users.ts";

export const SESSION_COOKIE = "session";

function tokenFrom(headers: Headers): string | null {
  const header = headers.get("authorization");
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  const cookie = headers.get("cookie");
  const match = cookie?.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`));
  return match?.[1] ?? null;
}

/** Resolves the signed-in user from `Authorization: Bearer` or the site's session cookie. */
export const authGuard = (deps: Deps) =>
  new Elysia({ name: "auth-guard" }).derive({ as: "scoped" }, async ({ request }) => {
    const token = tokenFrom(request.headers);
    if (!token) throw new Unauthorized("sign in first: send Authorization: Bearer <token>");
    const userId = await deps.tokens.verify(token);
    const user = userId ? await findUserById(deps.database.db, userId) : undefined;
    if (!user) throw new Unauthorized("the session token is invalid or expired; sign in again");
    return { user };
  });
