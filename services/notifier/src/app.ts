import { Elysia } from "elysia";
import { errorsPlugin, platformRoutes, testClockRoutes, type offsetClock } from "@todo/service-kit";
import type { Deps } from "./deps.ts";
import { notificationRoutes } from "./notifications/routes.ts";

/** The notifier's HTTP app: notifications for their owner, plus health, metrics and Dapr routes. */
export function createApp(deps: Deps, testClock?: ReturnType<typeof offsetClock>) {
  return new Elysia({ normalize: false })
    .use(errorsPlugin(deps.maxBodyBytes, deps.logger))
    .use(platformRoutes(deps))
    .use(testClock ? testClockRoutes(testClock) : new Elysia({ name: "no-test-clock" }))
    .use(notificationRoutes(deps));
}
