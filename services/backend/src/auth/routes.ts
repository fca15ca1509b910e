import { Elysia } from "elysia";
import type { Deps } from "../deps.ts";
import { authGuard } from "./auth-guard.ts";
import { createAuthLimits } from "./auth-limits.ts";
import { revokeSession } from "./sessions.ts";
import { clientAddress } from "./client-address.ts";
import { login, normalizeEmail, signup, updateProfile } from "./auth-service.ts";
import { Session, UserView } from "@todo/schemas/api";
import { LoginBody, ProfilePatch, SignupBody } from "./model.ts";
import { toUserView } from "./users.ts";

export const authRoutes = (deps: Deps) => {
  const { db } = deps.database;
  const limits = createAuthLimits(deps.limits, deps.clock);
  const addressOf = (
    request: Request,
    server: { requestIP(r: Request): { address: string } | null } | null,
  ) =>
    clientAddress(
      server?.requestIP(request)?.address ?? "local",
      request.headers.get("x-forwarded-for"),
      deps.limits.trustedProxies,
    );
  return new Elysia({ name: "auth-routes" })
    .post(
      "/api/auth/signup",
      async ({ body, set, request, server }) => {
        limits.signup(normalizeEmail(body.email), addressOf(request, server));
        const user = await signup(db, deps.clock, deps.passwords, body);
        set.status = 201;
        return { user, token: await deps.tokens.issue(user.id) };
      },
      {
        body: SignupBody,
        response: { 201: Session },
        detail: { tags: ["auth"], summary: "Create an account" },
      },
    )
    .post(
      "/api/auth/login",
      async ({ body, request, server }) => {
        limits.login(normalizeEmail(body.email), addressOf(request, server));
        const user = await login(db, deps.passwords, body.email, body.password);
        return { user, token: await deps.tokens.issue(user.id) };
      },
      { body: LoginBody, response: { 200: Session }, detail: { tags: ["auth"], summary: "Sign in" } },
    )
    .use(authGuard(deps))
    .post(
      "/api/auth/logout",
      async ({ session, set }) => {
        await revokeSession(db, deps.clock, session);
        set.status = 204;
      },
      // The 204 is said in the document by hand: a response schema of t.Undefined() came out as an invalid content entry.
      {
        detail: {
          tags: ["auth"],
          summary: "Sign out: this session's token is refused from now on",
          responses: { 204: { description: "signed out" } },
        },
      },
    )
    .get("/api/me", ({ user }) => toUserView(user), {
      response: { 200: UserView },
      detail: { tags: ["auth"] },
    })
    .patch("/api/me", ({ user, body }) => updateProfile(db, deps.clock, user.id, body), {
      body: ProfilePatch,
      response: { 200: UserView },
      detail: { tags: ["auth"], summary: "Change name or time zone" },
    });
};
