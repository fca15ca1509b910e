import { Elysia } from "elysia";
import {
  acceptedJsonText,
  Unauthorized,
  type Logger,
  type SessionCheck,
  type TokenService,
} from "@todo/service-kit";
import { sessionToken } from "./session.ts";

export interface PreviewDeps {
  recurringUrl: string;
  tokens: TokenService;
  /** Whether the session was signed out (the backend knows). */
  sessions: SessionCheck;
  logger?: Logger;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/**
 * `POST /api/recurrences/preview`: the schedule editor's "next occurrences", answered by the
 * recurring service's `POST /v1/recurrences/preview` (API.md), for signed-in people only. The
 * recurring service is not on the public surface, so the site forwards this one route to it.
 */
export function previewRoutes(deps: PreviewDeps) {
  // Cross-origin writes are refused before any route (app.ts); the body guard checked the body, whose bytes go on as sent.
  return new Elysia({ name: "recurrence-preview" }).post(
    "/api/recurrences/preview",
    async ({ request, body }) => {
      const token = sessionToken(request);
      if (!token || !(await deps.tokens.verify(token))) throw new Unauthorized("sign in first");
      if ((await deps.sessions.check(token)) === "ended")
        throw new Unauthorized("the session was signed out; sign in again");
      let answer: Response;
      try {
        answer = await fetch(`${deps.recurringUrl}/v1/recurrences/preview`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: acceptedJsonText(request) ?? JSON.stringify(body ?? null),
        });
      } catch (error) {
        deps.logger?.error("recurring service unreachable", { recurring: deps.recurringUrl, error });
        return json(502, {
          error: {
            code: "recurring_unavailable",
            message: "the schedule preview is unavailable; try again in a moment",
          },
        });
      }
      return new Response(answer.body, {
        status: answer.status,
        headers: { "content-type": answer.headers.get("content-type") ?? "application/json" },
      });
    },
  );
}
