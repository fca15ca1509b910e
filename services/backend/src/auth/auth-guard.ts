import { Elysia } from "elysia";
import type { Deps } from "../deps.ts";
import { bearerToken, Unauthorized } from "@todo/service-kit";
import { isRevoked } from "./sessions.ts";
import { findUserById } from "./users.ts";

/** Resolves the signed-in user from `Authorization: Bearer` (never a cookie: see bearerToken). */
export const authGuard = (deps: Deps) =>
  new Elysia({ name: "auth-guard" }).derive({ as: "scoped" }, async ({ request }) => {
    const token = bearerToken(request.headers);
    if (!token) throw new Unauthorized("sign in first: send Authorization: Bearer <token>");
    const session = await deps.tokens.verifySession(token);
    const [user, revoked] = session
      ? await Promise.all([
          findUserById(deps.database.db, session.userId),
          isRevoked(deps.database.db, session.sessionId),
        ])
      : [undefined, true];
    if (!user || !session || revoked)
      throw new Unauthorized("the session token is invalid, expired or signed out; sign in again");
    return { user, session };
  });
