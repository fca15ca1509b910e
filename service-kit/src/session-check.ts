import { warnAtMostEvery, type Logger } from "@todo/messaging";

/**
 * What the backend says about a session token right now: `live` (its user exists and it was not
 * signed out), `ended` (401: signed out, or its user is gone) or `unknown` (the backend did not
 * answer: down, restarting, or an error on its side).
 */
export type SessionState = "live" | "ended" | "unknown";

export interface SessionCheck {
  check(token: string): Promise<SessionState>;
}

/** How long one question to the backend may take before the answer counts as `unknown`. */
const CHECK_TIMEOUT_MS = 3000;
/** At most one "cannot ask the backend" warning per this many milliseconds. */
const WARN_EVERY_MS = 60_000;

/**
 * Asks the backend (`GET /api/me`, API.md) whether a token's session is still live. The backend
 * alone knows which sessions were signed out and which users exist; the notifier and the site
 * ask it instead of reading its tables. A signature check stays the caller's first step: this is
 * only asked about tokens that are already valid.
 * @example
 * const sessions = backendSessionCheck("http://backend:8000", logger);
 * if ((await sessions.check(token)) === "ended") throw new Unauthorized("signed out");
 */
export function backendSessionCheck(backendUrl: string, logger?: Logger): SessionCheck {
  const url = `${backendUrl.replace(/\/+$/, "")}/api/me`;
  const warn = logger ? warnAtMostEvery(logger, WARN_EVERY_MS) : () => {};
  const unknown = (why: string): SessionState => {
    warn(
      "cannot ask the backend whether a session is signed out; accepting signed, unexpired tokens meanwhile",
      { backend: backendUrl, why },
    );
    return "unknown";
  };
  return {
    async check(token) {
      try {
        const answer = await fetch(url, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
        });
        await answer.body?.cancel();
        if (answer.status === 401) return "ended";
        return answer.ok ? "live" : unknown(`HTTP ${answer.status}`);
      } catch (error) {
        return unknown(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** Every signed, unexpired token is live: for tests whose tokens name users no backend holds. */
export const acceptSignedSessions: SessionCheck = { check: async () => "live" };
