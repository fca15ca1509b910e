import { Elysia } from "elysia";
import { authRoutes } from "./auth/routes.ts";
import { chatRoutes, type ChatAdapters } from "./chat/routes.ts";
import type { Deps } from "./deps.ts";
import {
  errorsPlugin,
  openapiDocument,
  platformRoutes,
  testClockRoutes,
  type ErrorRule,
  type offsetClock,
} from "@todo/service-kit";
import { notificationProxyRoutes } from "./notifications/proxy-routes.ts";
import { taskRoutes } from "./tasks/routes.ts";

const OPEN_ROUTES = new Set(["/api/auth/signup", "/api/auth/login"]);

// What the backend's routes answer beyond their shape (openapi-document.ts adds 400/404/413/415).
const backendErrors: ErrorRule = (path, method) => {
  const statuses: number[] = [];
  if (path.startsWith("/api/") && !OPEN_ROUTES.has(path)) statuses.push(401);
  if (OPEN_ROUTES.has(path)) statuses.push(429); // the login and signup limits
  if (path === "/api/auth/login") statuses.push(401); // wrong email or password
  if (path === "/api/chat") statuses.push(404); // a conversation_id that is not the caller's
  if (path === "/api/conversations/latest") statuses.push(404); // no conversation yet
  if (path === "/api/auth/signup") statuses.push(409); // the email has an account
  if (path === "/api/tasks/{id}/recurrence" && method === "delete") statuses.push(409); // not recurring
  if (path === "/api/tasks/{id}/restore") statuses.push(409); // not deleted, or restored already
  if (path.startsWith("/api/notifications")) statuses.push(503); // forwarded to the notifier
  if (path === "/readyz") statuses.push(503);
  return statuses;
};

/** The backend's HTTP app; tests call `app.handle(new Request(...))` on it directly. */
export function createApp(deps: Deps, testClock?: ReturnType<typeof offsetClock>, chat: ChatAdapters = {}) {
  // normalize: false makes unknown body fields a 400 instead of silently dropping them.
  return new Elysia({ normalize: false })
    .use(errorsPlugin(deps.limits.maxBodyBytes, deps.logger))
    .use(
      deps.publicDocs === false
        ? new Elysia({ name: "no-openapi" })
        : openapiDocument({
            info: {
              title: "Chat todo backend",
              version: "0.1.0",
              description: "Auth, tasks and chat (API.md)",
            },
            errors: backendErrors,
          }),
    )
    .use(platformRoutes(deps))
    .use(testClock ? testClockRoutes(testClock) : new Elysia({ name: "no-test-clock" }))
    .use(authRoutes(deps))
    .use(taskRoutes(deps))
    .use(chatRoutes(deps, chat))
    .use(notificationProxyRoutes(deps));
}

export type BackendApp = ReturnType<typeof createApp>;
