import { Elysia } from "elysia";
import type { Deps } from "../deps.ts";
import { RateLimited } from "@todo/outbox/runtime";
import { authGuard } from "./auth-guard.ts";
import { clientAddress } from "./client-address.ts";
import { login, signup, updateProfile } from "./auth-service.ts";
import { LoginBody, ProfilePatch, Session, SignupBody, UserView } from "./model.ts";
import { createRateLimiter } from "./rate-limiter.ts";
import { toUserView } from "./users.ts";

export const authRoutes = (deps: Deps) => {
  const { db } = deps.database;
  const loginLimiter = createRateLimiter(deps.limits.loginAttemptsPerMinute, 60_000, deps.clock);
  return new Elysia({ name: "auth-routes" })
    .post(
      "/api/auth/signup",
      async ({ body, set }) => {
        const user = await signup(db, deps.clock, body);
        set.status = 201;
        return { user, token: await deps.tokens.issue(user.id) };
      },
      { body: SignupBody, response: { 201: Session }, detail: { tags: ["auth"], summary: "Create an account" } },
    )
    .post(
      "/api/auth/login",
      async ({ body, request, server }) => {
        const address = clientAddress(server?.requestIP(request)?.address ?? "local", request.headers.get("x-forwarded-for"), deps.limits.trustedProxies);
        const wait = loginLimiter.hit(`${body.email.trim().toLowerCase()}|${address}`);
        if (wait > 0) throw new RateLimited(`too many login attempts; try again in ${wait} s`, wait);
        const user = await login(db, body.email, body.password);
        return { user, token: await deps.tokens.issue(user.id) };
      },
      { body: LoginBody, response: { 200: Session }, detail: { tags: ["auth"], summary: "Sign in" } },
    )
    .use(authGuard(deps))
    .get("/api/me", ({ user }) => toUserView(user), { response: { 200: UserView }, detail: { tags: ["auth"] } })
    .patch("/api/me", ({ user, body }) => updateProfile(db, deps.clock, user.id, body), {
      body: ProfilePatch,
      response: { 200: UserView },
      detail: { tags: ["auth"], summary: "Change name or time zone" },
    });
};
