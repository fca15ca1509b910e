import { acceptedJsonText, type Logger } from "@todo/service-kit";
import { clearedSessionCookie, sessionCookie, sessionToken } from "./session.ts";

export interface ProxyDeps {
  logger?: Logger;
  backendUrl: string;
  /** `/api/notifications*` goes here: the notifier owns them (API.md) and checks the session itself. */
  notifierUrl: string;
  cookieSecure: boolean;
  now: () => Date;
  /**
   * The backend's status for a request it authenticated with the session cookie's token (the
   * cookie became the Authorization header), and when it was sent (performance.now() ms).
   */
  sessionAnswered?: (token: string, status: number, sentAt: number) => void;
}

// Hop-by-hop headers and the ones fetch already decoded or the site sets itself.
const DROP_REQUEST = [
  "host",
  "cookie",
  "connection",
  "content-length",
  "transfer-encoding",
  "keep-alive",
  "upgrade",
];
const DROP_RESPONSE = [
  "content-encoding",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "set-cookie",
];
const SESSION_ROUTES = new Set(["/api/auth/signup", "/api/auth/login"]);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/**
 * `POST /api/auth/logout`: the backend revokes the session (its token is refused from then on, even
 * if a copy of the cookie survives) and the cookie is cleared. The cookie goes either way; when
 * the backend could not be told, the answer says so instead of pretending.
 */
export async function logout(request: Request, deps: ProxyDeps): Promise<Response> {
  const cleared = { "set-cookie": clearedSessionCookie({ secure: deps.cookieSecure }) };
  const token = sessionToken(request);
  if (token) {
    const answer = await fetch(`${deps.backendUrl}/api/auth/logout`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    }).catch((error: Error) => error);
    // 401: the session had already ended (expired, revoked): signed out all the same.
    if (answer instanceof Error || answer.status >= 500) {
      deps.logger?.error("logout: the backend did not revoke the session", {
        error: answer instanceof Error ? answer : `HTTP ${answer.status}`,
      });
      return json(
        502,
        {
          error: {
            code: "backend_unavailable",
            message: "signed out here, but the session could not be ended everywhere; try again in a moment",
          },
        },
        cleared,
      );
    }
  }
  return new Response(null, { status: 204, headers: cleared });
}

interface Upstream {
  name: "backend" | "notifier";
  url: string;
  /** the answer when it cannot be reached (the notifier's is what the backend's forward answered) */
  unavailable: () => Response;
}

/** Which service answers an `/api/*` path: the notifier its notifications (API.md), the backend the rest. */
export function upstreamOf(pathname: string, deps: Pick<ProxyDeps, "backendUrl" | "notifierUrl">): Upstream {
  if (pathname === "/api/notifications" || pathname.startsWith("/api/notifications/"))
    return {
      name: "notifier",
      url: deps.notifierUrl,
      unavailable: () =>
        json(503, {
          error: {
            code: "unavailable",
            message: "notifications are unavailable right now; try again shortly",
          },
        }),
    };
  return {
    name: "backend",
    url: deps.backendUrl,
    unavailable: () =>
      json(502, {
        error: { code: "backend_unavailable", message: "the service is unavailable; try again in a moment" },
      }),
  };
}

/**
 * Forwards `/api/*` on the same origin: `/api/notifications*` to the notifier, the rest to the
 * backend. The cookie becomes `Authorization: Bearer` (the service behind checks it, once); on
 * signup and login the token from the answer goes into the cookie and out of the body, so no page
 * script can ever read it.
 */
export async function proxyApi(
  request: Request,
  deps: ProxyDeps,
  clientAddress?: string,
  body?: unknown,
): Promise<Response> {
  const url = new URL(request.url);
  const upstream = upstreamOf(url.pathname, deps);
  const headers = new Headers(request.headers);
  for (const name of DROP_REQUEST) headers.delete(name);
  const cookieToken = sessionToken(request);
  const sentWithCookie = cookieToken && !headers.has("authorization") ? cookieToken : undefined;
  if (sentWithCookie) headers.set("authorization", `Bearer ${sentWithCookie}`);
  // Appended, not replaced: behind the ingress the peer is the ingress, and the browser's address is
  // the entry before it; the backend walks the list from the right past the proxies it trusts.
  if (clientAddress)
    headers.set(
      "x-forwarded-for",
      [request.headers.get("x-forwarded-for"), clientAddress].filter(Boolean).join(", "),
    );
  headers.set("x-forwarded-host", request.headers.get("host") ?? url.host);
  // The body guard checked it (size, media type, depth, value count, text rules); its bytes go on as
  // sent, so the service judges the very body the client sent (a re-serialisation turned 1e400 into null).
  const forwarded =
    body === undefined || body === null ? undefined : (acceptedJsonText(request) ?? JSON.stringify(body));
  let answer: Response;
  const sentAt = performance.now();
  try {
    answer = await fetch(`${upstream.url}${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      body: forwarded,
      redirect: "manual",
    });
  } catch (error) {
    deps.logger?.error(`${upstream.name} unreachable`, {
      [upstream.name]: upstream.url,
      path: url.pathname,
      error,
    });
    return upstream.unavailable();
  }
  const out = new Headers(answer.headers);
  for (const name of DROP_RESPONSE) out.delete(name);
  if (SESSION_ROUTES.has(url.pathname)) {
    if (answer.ok) return withSession(answer, out, deps);
  } else if (sentWithCookie && upstream.name === "backend")
    deps.sessionAnswered?.(sentWithCookie, answer.status, sentAt);
  // A stale cookie (expired, or signed with a rotated secret) is dropped so the page shows sign-in.
  if (answer.status === 401 && cookieToken)
    out.append("set-cookie", clearedSessionCookie({ secure: deps.cookieSecure }));
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: out });
}

async function withSession(answer: Response, headers: Headers, deps: ProxyDeps): Promise<Response> {
  const { token, ...rest } = (await answer.json()) as { token?: string };
  if (token)
    headers.append(
      "set-cookie",
      sessionCookie(token, { secure: deps.cookieSecure, nowMs: deps.now().getTime() }),
    );
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(rest), { status: answer.status, headers });
}
