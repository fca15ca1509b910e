// The browser's session: the backend's token kept in an httpOnly, SameSite=Lax cookie, so page
// scripts never see it (an XSS cannot steal it) and cross-site forms cannot send it.
export const SESSION_COOKIE = "session";

// A value that is not valid percent-encoding (`session=%E0%A4%A`) is no session: 401, not a 500.
function decodeCookieValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value) || undefined;
  } catch {
    return undefined;
  }
}

/** The session token from the request's cookie, if any. */
export function sessionToken(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeCookieValue(rest.join("="));
  }
  return undefined;
}

// The cookie lives as long as the token: its `exp`, read without verifying (the backend just signed it).
function secondsLeft(token: string, nowMs: number): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      exp?: number;
    };
    return payload.exp ? Math.max(0, Math.floor(payload.exp - nowMs / 1000)) : 0;
  } catch {
    return 0;
  }
}

/** `Set-Cookie` for a new session. */
export function sessionCookie(token: string, options: { secure: boolean; nowMs: number }): string {
  const maxAge = secondsLeft(token, options.nowMs);
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${options.secure ? "; Secure" : ""}`;
}

/** `Set-Cookie` that ends the session. */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${options.secure ? "; Secure" : ""}`;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request that changes something and comes from another origin is refused. SameSite=Lax keeps
 * the cookie off cross-site requests only: a page on another port of the same host, or a sibling
 * subdomain, is the same *site* and the browser sends the cookie along. So the browser's own word
 * decides: `Sec-Fetch-Site` other than same-origin (or none: typed, bookmarked), or an `Origin`
 * that is not this host. Requests without either header (curl, the Dapr sidecar) carry no cookie
 * a page could have lent them.
 */
export function isCrossOriginWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host =
    request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
