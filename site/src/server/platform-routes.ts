import { Elysia } from "elysia";
import type { Metrics, Transport } from "@todo/outbox";
import type { EventHub } from "./event-hub.ts";

/**
 * `/healthz`, `/readyz` and `/metrics` for the site. Like the services' shared platform routes, but
 * the site has no database: it is ready when its transport is, and reports its open streams.
 */
export const sitePlatformRoutes = (deps: { transport: Transport; metrics: Metrics; hub: EventHub }) => {
  const streams = deps.metrics.gauge("site_sse_connections", "open Server-Sent Events streams", async () => [{ value: deps.hub.connections() }]);
  deps.metrics.onScrape(streams.refresh);
  return new Elysia({ name: "site-platform" })
    .get("/healthz", () => ({ status: "ok" }))
    .get("/readyz", async ({ set }) => {
      const transport = await deps.transport.ready().then((ok) => (ok ? "ok" : "not connected"), (error: Error) => error.message);
      if (transport !== "ok") set.status = 503;
      return { status: transport === "ok" ? "ready" : "unavailable", transport: deps.transport.kind, transport_status: transport };
    })
    .get("/metrics", async ({ set }) => {
      set.headers["content-type"] = "text/plain; version=0.0.4";
      return deps.metrics.render();
    })
    .all("/dapr/*", async ({ request, set }) => {
      const response = await deps.transport.handleHttp?.(request);
      if (response) return response;
      set.status = 404;
      return { error: { code: "not_found", message: "no such route" } };
    });
};
