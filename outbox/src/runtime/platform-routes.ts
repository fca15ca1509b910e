import { Elysia } from "elysia";
import type { Database } from "../db/database.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Transport } from "../transports/transport.ts";

export interface PlatformDeps {
  /** None for a service without one (the site): ready then means its transport is. */
  database?: Database;
  transport: Transport;
  metrics: Metrics;
}

/**
 * What every service answers besides its own API: `/healthz` (the process is alive), `/readyz`
 * (its database and transport are usable), `/metrics` (Prometheus), and the transport's own HTTP
 * endpoints (Dapr's subscription list and deliveries).
 */
export const platformRoutes = (deps: PlatformDeps) =>
  new Elysia({ name: "platform", detail: { tags: ["platform"] } })
    .get("/healthz", () => ({ status: "ok" }))
    .get("/readyz", async ({ set }) => {
      const [database, transport] = await Promise.all([
        deps.database ? deps.database.ping().then(() => "ok", (error: Error) => error.message) : "ok",
        deps.transport.ready().then((ok) => (ok ? "ok" : "not connected"), (error: Error) => error.message),
      ]);
      const ready = database === "ok" && transport === "ok";
      if (!ready) set.status = 503;
      const databaseStatus = deps.database ? { database: deps.database.kind, database_status: database } : {};
      return { status: ready ? "ready" : "unavailable", ...databaseStatus, transport: deps.transport.kind, transport_status: transport };
    })
    .get("/metrics", async ({ set }) => {
      set.headers["content-type"] = "text/plain; version=0.0.4";
      return deps.metrics.render();
    })
    // GET and POST routes, not `all`: Elysia prefers a method's own routes to `all`, so in the site,
    // whose `GET /*` serves its pages, `all` lost daprd's GET /dapr/subscribe to the static files and
    // the site never subscribed to task-updates under Dapr (found on the real cluster).
    .get("/dapr/*", daprRoute(deps))
    .post("/dapr/*", daprRoute(deps));

const daprRoute = (deps: PlatformDeps) => async ({ request, set }: { request: Request; set: { status?: number | string } }) => {
  const response = await deps.transport.handleHttp?.(request);
  if (response) return response;
  set.status = 404;
  return { error: { code: "not_found", message: "no such route" } };
};
