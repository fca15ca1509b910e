import { Elysia } from "elysia";
import {
  answerSidecar,
  errorsPlugin,
  openapiDocument,
  platformRoutes,
  testClockRoutes,
  type offsetClock,
} from "@todo/service-kit";
import type { Deps } from "./deps.ts";
import { recurrenceRoutes } from "./recurrence/routes.ts";
import type { Scheduler } from "./schedules/scheduler.ts";

/** The recurring service's HTTP app; tests call `app.handle(new Request(...))` on it directly. */
export function createApp(
  deps: Deps,
  extras: { scheduler?: Scheduler; testClock?: ReturnType<typeof offsetClock> } = {},
) {
  const scheduler = extras.scheduler;
  // normalize: false makes unknown body fields a 400 instead of silently dropping them.
  return (
    new Elysia({ normalize: false })
      .use(errorsPlugin(deps.limits.maxBodyBytes, deps.logger))
      .use(
        deps.publicDocs === false
          ? new Elysia({ name: "no-openapi" })
          : openapiDocument({
              info: {
                title: "Chat todo recurring service",
                version: "0.1.0",
                description: "Recurrence preview (API.md)",
              },
              errors: (path) => (path === "/readyz" ? [503] : []),
            }),
      )
      .use(platformRoutes(deps))
      .use(extras.testClock ? testClockRoutes(extras.testClock) : new Elysia({ name: "no-test-clock" }))
      .use(recurrenceRoutes())
      // Dapr's Jobs API calls back here at each job's due time (SCHEDULER=dapr); only it may.
      .post("/job/*", ({ request }) =>
        answerSidecar(request, deps, (callback) => scheduler?.handleHttp?.(callback)),
      )
  );
}

export type RecurringApp = ReturnType<typeof createApp>;
