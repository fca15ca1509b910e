// How long a session with open streams may go before the site asks the backend about it again.
// The backend alone knows which sessions were signed out. Asking it (`GET /api/me`) once per
// session and interval costs the backend a request per open session per minute, so an answer the
// backend already gave counts as well: a proxied request it accepted with this session's token
// proves the session was live when that request was sent.

/**
 * Milliseconds until the session must be asked about again: 0 when `intervalMs` has passed since
 * the backend last vouched for it (`confirmedAt`, ms on the same clock as `now`).
 * @example
 * checkDueIn(1_000, 31_000, 60_000); // 30_000: vouched for 30 s ago, ask in 30 s
 * checkDueIn(1_000, 61_000, 60_000); // 0: ask now
 */
export function checkDueIn(confirmedAt: number, now: number, intervalMs: number): number {
  return Math.max(0, confirmedAt + intervalMs - now);
}

/**
 * The session id (`sid`) of a token, read without checking its signature: only for a token the
 * backend has just accepted, whose claims are therefore its own. Undefined when there is none.
 * @example
 * acceptedSessionId(tokenTheBackendAccepted); // "0b9c…"
 */
export function acceptedSessionId(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      sid?: unknown;
    };
    return typeof payload.sid === "string" ? payload.sid : undefined;
  } catch {
    return undefined;
  }
}
