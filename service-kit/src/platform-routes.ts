import { Elysia } from "elysia";
import type { Database } from "@todo/messaging/db";
import type { Metrics, Transport } from "@todo/messaging";
import { appTokenRefused, hasAppToken } from "./app-token.ts";
import { readCallback } from "./body-guard.ts";

export interface PlatformDeps {
  /** None for a service without one (the site): ready then means its transport is. */
  database?: Database;
  transport: Transport;
  metrics: Metrics;
  /** The Dapr sidecar's app API token (APP_API_TOKEN); when set, `/dapr/*` demands it. */
  appApiToken?: string;
  /** Largest body the sidecar may send (MAX_CALLBACK_BYTES); 413 above. */
  maxCallbackBytes: number;
}

/**
 * What every service answers besides its own API: `/healthz` (the process is alive), `/readyz`
 * (its database and transport are usable), `/metrics` (Prometheus), and the transport's own HTTP
 * endpoints (Dapr's subscription list and deliveries), which only the sidecar may call.
 */
export const platformRoutes = (deps: PlatformDeps) =>
  new Elysia({ name: "platform", detail: { tags: ["platform"] } })
    .get("/healthz", () => ({ status: "ok" }))
    .get("/readyz", async ({ set }) => {
      const [database, transport] = await Promise.all([
        deps.database
          ? deps.database.ping().then(
              () => "ok",
              (error: Error) => error.message,
            )
          : "ok",
        deps.transport.ready().then(
          (ok) => (ok ? "ok" : "not connected"),
          (error: Error) => error.message,
        ),
      ]);
      const ready = database === "ok" && transport === "ok";
      if (!ready) set.status = 503;
      const databaseStatus = deps.database ? { database: deps.database.kind, database_status: database } : {};
      return {
        status: ready ? "ready" : "unavailable",
        ...databaseStatus,
        transport: deps.transport.kind,
        transport_status: transport,
      };
    })
    .get("/metrics", async ({ set }) => {
      set.headers["content-type"] = "text/plain; version=0.0.4";
      return deps.metrics.render();
    })
    // GET and POST of their own, not only `all`: Elysia prefers a method's own routes, so an app
    // with a `GET /*` (the site's static files) would otherwise answer /dapr/subscribe itself.
    .get("/dapr/*", ({ request }) => toTransport(deps, request))
    .post("/dapr/*", ({ request }) => toTransport(deps, request));

const toTransport = (deps: PlatformDeps, request: Request) =>
  answerSidecar(request, deps, (callback) => deps.transport.handleHttp?.(callback));

/**
 * Answers a call from the Dapr sidecar (a pub/sub delivery, a Jobs API trigger): refused without
 * the app token, its body read under `maxCallbackBytes` (413 above), then handed to `handle`; a
 * path `handle` does not know (or no `handle`) is a 404 in the error shape.
 * @example
 * app.post("/job/*", ({ request }) => answerSidecar(request, deps, (callback) => scheduler.handleHttp?.(callback)));
 */
export async function answerSidecar(
  request: Request,
  deps: { appApiToken?: string; maxCallbackBytes: number },
  handle: (callback: Request) => Promise<Response | undefined> | undefined,
): Promise<Response> {
  if (!hasAppToken(request, deps.appApiToken)) return appTokenRefused();
  const callback = await readCallback(request, deps.maxCallbackBytes);
  const response = await handle?.(callback);
  return (
    response ?? Response.json({ error: { code: "not_found", message: "no such route" } }, { status: 404 })
  );
}
