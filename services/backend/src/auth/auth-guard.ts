import { Elysia } from "elysia";
import type { Deps } from "../deps.ts";
import { bearerToken, Unauthorized } from "@todo/outbox/runtime";
import { findUserById } from "./users.ts";

/** Resolves the signed-in user from `Authorization: Bearer` (never a cookie: see bearerToken). */
export const authGuard = (deps: Deps) =>
  new Elysia({ name: "auth-guard" }).derive({ as: "scoped" }, async ({ request }) => {
    const token = bearerToken(request.headers);
    if (!token) throw new Unauthorized("sign in first: send Authorization: Bearer <token>");
    const userId = await deps.tokens.verify(token);
    const user = userId ? await findUserById(deps.database.db, userId) : undefined;
    if (!user) throw new Unauthorized("the session token is invalid or expired; sign in again");
    return { user };
  });
