import { Elysia } from "elysia";
import { acceptedJsonText } from "@todo/service-kit";
import { authGuard } from "../auth/auth-guard.ts";
import type { Deps } from "../deps.ts";

/**
 * `/api/notifications/*` on the backend's origin, forwarded to the notifier, which owns them:
 * kept only because API.md lists this path on the backend (port 8000) for API clients. The site
 * forwards its notifications to the notifier straight (site/src/server/proxy.ts). The backend
 * checks the session first, then only the caller's token travels on.
 */
export const notificationProxyRoutes = (deps: Deps) => {
  const notifierUrl = deps.notifierUrl;
  // The body guard checked it (size, media type, depth, value count); its bytes go on as sent.
  const forward = async (request: Request, body: unknown) => {
    const url = new URL(request.url);
    const headers = new Headers();
    for (const name of ["authorization", "content-type"]) {
      const value = request.headers.get(name);
      if (value) headers.set(name, value);
    }
    try {
      const upstream = await fetch(`${notifierUrl}${url.pathname}${url.search}`, {
        method: request.method,
        headers,
        body:
          body === undefined || body === null
            ? undefined
            : (acceptedJsonText(request) ?? JSON.stringify(body)),
        signal: AbortSignal.timeout(5000),
      });
      return new Response(upstream.body, {
        status: upstream.status,
        headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
      });
    } catch (error) {
      // The caller learns only that it is unavailable; the log keeps why (refused, timed out…).
      deps.logger.error("notifier unreachable", { notifier: notifierUrl, path: url.pathname, error });
      return Response.json(
        {
          error: {
            code: "unavailable",
            message: "notifications are unavailable right now; try again shortly",
          },
        },
        { status: 503 },
      );
    }
  };
  return (
    new Elysia({ name: "notification-proxy", detail: { tags: ["notifications"] } })
      .use(authGuard(deps))
      // The two routes the notifier answers (API.md), not `.all`: only real methods are routed and documented.
      .get("/api/notifications", ({ request, body }) => forward(request, body), {
        detail: { summary: "The caller's notifications (forwarded to the notifier)" },
      })
      .post("/api/notifications/:id/read", ({ request, body }) => forward(request, body), {
        detail: { summary: "Mark a notification read (forwarded to the notifier)" },
      })
  );
};
