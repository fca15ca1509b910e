import { Elysia } from "elysia";
import type { Metrics, Transport } from "@todo/messaging";
import {
  errorsPlugin,
  testClockRoutes,
  type Clock,
  type Logger,
  type offsetClock,
  type SessionCheck,
  type TokenService,
} from "@todo/service-kit";
import type { EventHub } from "./server/event-hub.ts";
import {
  cutAllStreams,
  cutSessionStreams,
  eventsRoutes,
  type StreamsBySession,
  vouchForSession,
} from "./server/events-route.ts";
import { acceptedSessionId } from "./server/session-watch.ts";
import { sitePlatformRoutes } from "./server/platform-routes.ts";
import { previewRoutes } from "./server/preview-route.ts";
import { logout, proxyApi } from "./server/proxy.ts";
import { contentSecurityPolicy } from "./server/content-security-policy.ts";
import { isCrossOriginWrite, sessionToken } from "./server/session.ts";
import { serveStatic } from "./server/static-files.ts";

export interface SiteDeps {
  transport: Transport;
  hub: EventHub;
  tokens: TokenService;
  /** Whether a signed token's session is still live: asked when a stream opens and while it is open. */
  sessions: SessionCheck;
  metrics: Metrics;
  clock: Clock;
  backendUrl: string;
  /** the notifier: `/api/notifications*` is forwarded to it */
  notifierUrl: string;
  recurringUrl: string;
  staticDir: string;
  cookieSecure: boolean;
  heartbeatSeconds: number;
  sessionCheckSeconds: number;
  maxBodyBytes: number;
  /** Largest body the Dapr sidecar may send (MAX_CALLBACK_BYTES). */
  maxCallbackBytes: number;
  /** The Dapr sidecar's app API token: `/dapr/*` demands it when set. */
  appApiToken?: string;
  /** Where errors are logged (JSON lines, redacted); main.ts passes the service's own. */
  logger?: Logger;
}

/** A write another origin's page sent is refused before anything else (logout included). */
const refuseCrossOriginWrite = (request: Request) =>
  isCrossOriginWrite(request)
    ? Response.json(
        { error: { code: "forbidden", message: "cross-origin request refused" } },
        { status: 403 },
      )
    : undefined;

/**
 * Signing out also ends this session's live streams here at once (the browser's cookie is gone, so
 * it cannot reconnect); streams on other replicas end at their next session check.
 */
const signOutWith =
  (tokens: SiteDeps["tokens"], proxyDeps: Parameters<typeof logout>[1], sessionStreams: StreamsBySession) =>
  async (request: Request) => {
    const token = sessionToken(request);
    const session = token ? await tokens.verifySession(token) : null;
    const answer = await logout(request, proxyDeps);
    if (session) cutSessionStreams(sessionStreams, session.sessionId);
    return answer;
  };

/**
 * What the backend's answers to proxied requests say about sessions with open streams here: a 2xx
 * vouches for the session (every `/api/*` route but signup and login checks it), so its periodic
 * check is not needed; a 401 to a token signed by us means it was signed out or its user is gone,
 * so its streams end now instead of at the next check.
 */
const sessionAnswers =
  (tokens: SiteDeps["tokens"], sessionStreams: StreamsBySession) =>
  (token: string, status: number, sentAt: number) => {
    if (sessionStreams.size === 0) return;
    if (status >= 200 && status < 300) {
      const sessionId = acceptedSessionId(token);
      if (sessionId) vouchForSession(sessionStreams, sessionId, sentAt);
    } else if (status === 401)
      void tokens.verifySession(token).then((session) => {
        if (session) cutSessionStreams(sessionStreams, session.sessionId);
      });
  };

/** The site's HTTP app: the built pages, `/api/*` forwarded (notifications to the notifier, the rest to the backend), and `/events`. */
export function createApp(deps: SiteDeps, testClock?: ReturnType<typeof offsetClock>) {
  const openStreams = new Set<() => void>();
  const sessionStreams: StreamsBySession = new Map();
  const proxyDeps = {
    backendUrl: deps.backendUrl,
    notifierUrl: deps.notifierUrl,
    cookieSecure: deps.cookieSecure,
    now: () => deps.clock.now(),
    logger: deps.logger,
    sessionAnswered: sessionAnswers(deps.tokens, sessionStreams),
  };
  const signOut = signOutWith(deps.tokens, proxyDeps, sessionStreams);
  // From the built pages' inline blocks, once: the build does not change under a running server.
  const policy = contentSecurityPolicy(deps.staticDir);
  const proxy = ({
    request,
    server,
    body,
  }: {
    request: Request;
    body: unknown;
    server: { requestIP(r: Request): { address: string } | null } | null;
  }) => proxyApi(request, proxyDeps, server?.requestIP(request)?.address, body);
  return (
    new Elysia({ normalize: false })
      .use(errorsPlugin(deps.maxBodyBytes, deps.logger))
      // Before any route, logout included: another origin's page must not change anything here.
      .onRequest(({ request }) => refuseCrossOriginWrite(request))
      .use(sitePlatformRoutes(deps))
      .use(
        testClock
          ? testClockRoutes(testClock).post("/test/events/disconnect", () => ({
              cut: cutAllStreams(openStreams),
            }))
          : new Elysia({ name: "no-test-clock" }),
      )
      .use(
        eventsRoutes({
          hub: deps.hub,
          tokens: deps.tokens,
          sessions: deps.sessions,
          heartbeatSeconds: deps.heartbeatSeconds,
          sessionCheckSeconds: deps.sessionCheckSeconds,
          metrics: deps.metrics,
          openStreams,
          sessionStreams,
        }),
      )
      .post("/api/auth/logout", ({ request }) => signOut(request))
      .use(
        previewRoutes({
          recurringUrl: deps.recurringUrl,
          tokens: deps.tokens,
          sessions: deps.sessions,
          logger: deps.logger,
        }),
      )
      // One route per method: Elysia prefers a method's own routes to `all`, so GET /api/* would
      // otherwise fall to the static files below.
      .get("/api/*", proxy)
      .post("/api/*", proxy)
      .put("/api/*", proxy)
      .patch("/api/*", proxy)
      .delete("/api/*", proxy)
      .get("/*", ({ request }) => serveStatic(deps.staticDir, new URL(request.url).pathname, policy))
  );
}
