import { Elysia } from "elysia";
import { openapi } from "@elysiajs/openapi";
import { authRoutes } from "./auth/routes.ts";
import { chatRoutes, type ChatAdapters } from "./chat/routes.ts";
import type { Deps } from "./deps.ts";
import { errorsPlugin, platformRoutes, testClockRoutes, type offsetClock } from "@todo/outbox/runtime";
import { notificationProxyRoutes } from "./notifications/proxy-routes.ts";
import { taskRoutes } from "./tasks/routes.ts";

/** The backend's HTTP app; tests call `app.handle(new Request(...))` on it directly. */
export function createApp(deps: Deps, testClock?: ReturnType<typeof offsetClock>, chat: ChatAdapters = {}) {
  // normalize: false makes unknown body fields a 400 instead of silently dropping them.
  return new Elysia({ normalize: false })
    .use(errorsPlugin(deps.limits.maxBodyBytes, deps.logger))
    .use(
      openapi({
        path: "/openapi",
        documentation: { info: { title: "Chat todo backend", version: "0.1.0", description: "Auth, tasks and chat (API.md)" } },
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
