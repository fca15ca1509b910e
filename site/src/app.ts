import { Elysia } from "elysia";
import type { Metrics, Transport } from "@todo/outbox";
import { errorsPlugin, testClockRoutes, type Clock, type offsetClock, type TokenService } from "@todo/outbox/runtime";
import type { EventHub } from "./server/event-hub.ts";
import { cutAllStreams, eventsRoutes } from "./server/events-route.ts";
import { sitePlatformRoutes } from "./server/platform-routes.ts";
import { logout, proxyToBackend } from "./server/proxy.ts";
import { contentSecurityPolicy } from "./server/content-security-policy.ts";
import { serveStatic } from "./server/static-files.ts";

export interface SiteDeps {
  transport: Transport;
  hub: EventHub;
  tokens: TokenService;
  metrics: Metrics;
  clock: Clock;
  backendUrl: string;
  staticDir: string;
  cookieSecure: boolean;
  heartbeatSeconds: number;
  maxBodyBytes: number;
}

/** The site's HTTP app: the built pages, `/api/*` forwarded to the backend, and `/events`. */
export function createApp(deps: SiteDeps, testClock?: ReturnType<typeof offsetClock>) {
  const proxyDeps = { backendUrl: deps.backendUrl, cookieSecure: deps.cookieSecure, now: () => deps.clock.now() };
  const openStreams = new Set<() => void>();
  // From the built pages' inline blocks, once: the build does not change under a running server.
  const policy = contentSecurityPolicy(deps.staticDir);
  const proxy = ({ request, server, body }: { request: Request; body: unknown; server: { requestIP(r: Request): { address: string } | null } | null }) => proxyToBackend(request, proxyDeps, server?.requestIP(request)?.address, body);
  return new Elysia({ normalize: false })
    .use(errorsPlugin(deps.maxBodyBytes))
    .use(sitePlatformRoutes(deps))
    .use(testClock ? testClockRoutes(testClock).post("/test/events/disconnect", () => ({ cut: cutAllStreams(openStreams) })) : new Elysia({ name: "no-test-clock" }))
    .use(eventsRoutes({ hub: deps.hub, tokens: deps.tokens, heartbeatSeconds: deps.heartbeatSeconds, metrics: deps.metrics, openStreams }))
    .post("/api/auth/logout", () => logout(proxyDeps))
    // One route per method: Elysia prefers a method's own routes to `all`, so GET /api/* would
    // otherwise fall to the static files below.
    .get("/api/*", proxy)
    .post("/api/*", proxy)
    .put("/api/*", proxy)
    .patch("/api/*", proxy)
    .delete("/api/*", proxy)
    .get("/*", ({ request }) => serveStatic(deps.staticDir, new URL(request.url).pathname, policy));
}
