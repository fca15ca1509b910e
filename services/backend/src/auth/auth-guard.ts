import { Elysia } from "elysia";
import type { Deps } from "../deps.ts";
import { asSharedRead } from "@todo/messaging/db";
import { bearerToken, Unauthorized } from "@todo/service-kit";
import { findSessionUser } from "./sessions.ts";

/** Resolves the signed-in user from `Authorization: Bearer` (never a cookie: see bearerToken). */
export const authGuard = (deps: Deps) =>
  new Elysia({ name: "auth-guard" }).derive({ as: "scoped" }, async ({ request }) => {
    const token = bearerToken(request.headers);
    if (!token) throw new Unauthorized("sign in first: send Authorization: Bearer <token>");
    const session = await deps.tokens.verifySession(token);
    // Many requests with one token at once share the lookup while it waits (shared-reads.ts).
    const user = session ? await asSharedRead(() => findSessionUser(deps.database.db, session)) : undefined;
    if (!user || !session)
      throw new Unauthorized("the session token is invalid, expired or signed out; sign in again");
    return { user, session };
  });
