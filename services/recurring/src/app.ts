import { Elysia } from "elysia";
import { errorsPlugin } from "@todo/outbox/runtime";
import type { Deps } from "./deps.ts";
import { healthRoutes } from "./health/routes.ts";
import { recurrenceRoutes } from "./recurrence/routes.ts";

/** The recurring service's HTTP app; tests call `app.handle(new Request(...))` on it directly. */
export function createApp(deps: Deps) {
  // normalize: false makes unknown body fields a 400 instead of silently dropping them.
  return new Elysia({ normalize: false })
    .use(errorsPlugin(deps.limits.maxBodyBytes))
    .use(healthRoutes())
    .use(recurrenceRoutes());
}

export type RecurringApp = ReturnType<typeof createApp>;
