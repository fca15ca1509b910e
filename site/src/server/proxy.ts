import { clearedSessionCookie, isCrossOriginWrite, sessionCookie, sessionToken } from "./session.ts";

export interface ProxyDeps {
  backendUrl: string;
  cookieSecure: boolean;
  now: () => Date;
}

// Hop-by-hop headers and the ones fetch already decoded or the site sets itself.
const DROP_REQUEST = ["host", "cookie", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade"];
const DROP_RESPONSE = ["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive", "set-cookie"];
const SESSION_ROUTES = new Set(["/api/auth/signup", "/api/auth/login"]);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** `POST /api/auth/logout`: a site-only route; the session is the cookie, so ending it is clearing it. */
export function logout(deps: ProxyDeps): Response {
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie({ secure: deps.cookieSecure }) } });
}

/**
 * Forwards `/api/*` to the backend on the same origin. The cookie becomes `Authorization: Bearer`;
 * on signup and login the token from the answer goes into the cookie and out of the body, so no
 * page script can ever read it.
 */
export async function proxyToBackend(request: Request, deps: ProxyDeps, clientAddress?: string, body?: unknown): Promise<Response> {
  if (isCrossOriginWrite(request)) return json(403, { error: { code: "forbidden", message: "cross-origin request refused" } });
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  for (const name of DROP_REQUEST) headers.delete(name);
  const cookieToken = sessionToken(request);
  if (cookieToken && !headers.has("authorization")) headers.set("authorization", `Bearer ${cookieToken}`);
  if (clientAddress) headers.set("x-forwarded-for", clientAddress);
  headers.set("x-forwarded-host", request.headers.get("host") ?? url.host);
  // The body arrives parsed by the body guard (size, media type and depth checked); it is sent on as JSON.
  const forwarded = body === undefined || body === null ? undefined : JSON.stringify(body);
  let answer: Response;
  try {
    answer = await fetch(`${deps.backendUrl}${url.pathname}${url.search}`, { method: request.method, headers, body: forwarded, redirect: "manual" });
  } catch (error) {
    console.error(`site: backend ${deps.backendUrl} unreachable:`, (error as Error).message);
    return json(502, { error: { code: "backend_unavailable", message: "the service is unavailable; try again in a moment" } });
  }
  const out = new Headers(answer.headers);
  for (const name of DROP_RESPONSE) out.delete(name);
  if (SESSION_ROUTES.has(url.pathname) && answer.ok) return withSession(answer, out, deps);
  // A stale cookie (expired, or signed with a rotated secret) is dropped so the page shows sign-in.
  if (answer.status === 401 && cookieToken) out.append("set-cookie", clearedSessionCookie({ secure: deps.cookieSecure }));
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: out });
}

async function withSession(answer: Response, headers: Headers, deps: ProxyDeps): Promise<Response> {
  const { token, ...rest } = (await answer.json()) as { token?: string };
  if (token) headers.append("set-cookie", sessionCookie(token, { secure: deps.cookieSecure, nowMs: deps.now().getTime() }));
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(rest), { status: answer.status, headers });
}
