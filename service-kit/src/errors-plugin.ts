import { Elysia } from "elysia";
import { bodyGuard } from "./body-guard.ts";
import { AppError } from "./errors.ts";
import { createLogger, type Logger } from "@todo/messaging";
import { addCanonicalFormatFastPaths } from "@todo/schemas";

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const body = (code: string, message: string, field?: string): ErrorBody => ({
  error: field ? { code, message, field } : { code, message },
});

interface ElysiaValidationDetail {
  path?: string;
  message?: string;
  summary?: string;
}

// "/recurrence/rrule" → "recurrence.rrule"; the error then names the field a client must fix.
function fieldOf(detail: ElysiaValidationDetail | undefined, on: string): string {
  const path = detail?.path?.replace(/^\//, "").replaceAll("/", ".");
  return path || on;
}

// node-postgres / Neon errors (and their causes, as drizzle wraps them) that mean "no database
// right now": refused or dropped connections and PostgreSQL's shutdown and startup states.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
]);
const UNAVAILABLE_MESSAGES =
  /connection terminated|terminating connection|timeout exceeded when trying to connect|connection refused|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

// Every API answer (errors and the tokens of login and signup included) is never cached by a
// browser or proxy and never sniffed into another type. A Response that sets its own
// Cache-Control (the site's static files) keeps it: Elysia lets the Response's headers win.
const API_RESPONSE_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

// The caller's X-Request-Id when it is a plain short id (a proxy's), else a new one.
const requestIdOf = (request: Request) => {
  const sent = request.headers.get("x-request-id");
  return sent && /^[\w.:-]{1,100}$/.test(sent) ? sent : crypto.randomUUID();
};

// What a logged failure says about its request (no query string: it may hold personal data).
const requestFields = (request: Request) => ({
  request_id: requestIdOf(request),
  method: request.method,
  path: new URL(request.url).pathname,
});

/**
 * Maps every error to API.md's `{error: {code, message}}` in one place; a 500 shows no detail and
 * logs it through `log` (one JSON line, redacted: no query parameters, emails or hashes).
 * Every app uses it first, so it also brings the API response headers and the body guard (size,
 * media type, JSON depth, text rules), and puts the fast path in front of the `uuid` and `date-time`
 * format checks (every module is loaded by the time an app is built; see addCanonicalFormatFastPaths).
 */
export const errorsPlugin = (maxBodyBytes: number, log: Logger = createLogger({ service: "app" })) => {
  addCanonicalFormatFastPaths();
  return (
    new Elysia({ name: "errors", seed: maxBodyBytes })
      // Before the body guard, whose refusals are answers too.
      .onRequest(({ set }) => void Object.assign(set.headers, API_RESPONSE_HEADERS))
      .use(bodyGuard(maxBodyBytes))
      .onError({ as: "global" }, ({ code, error, set, request }) => {
        // Elysia wraps whatever a parse hook throws (the body guard's 413 and depth 400) in a ParseError.
        if (code === "PARSE" && (error as { cause?: unknown }).cause instanceof AppError)
          error = (error as { cause: AppError }).cause;
        if (error instanceof AppError) {
          set.status = error.status;
          if ("retryAfterSeconds" in error) set.headers["retry-after"] = String(error.retryAfterSeconds);
          return body(error.code, error.message, "field" in error ? String(error.field) : undefined);
        }
        switch (code) {
          case "VALIDATION": {
            set.status = 400;
            const detail = ((error as { all: unknown }).all as ElysiaValidationDetail[])[0];
            const field = fieldOf(detail, (error as { type: string }).type);
            const message = detail?.summary ?? detail?.message ?? "is invalid";
            return body("validation_error", `${field}: ${message}`, field);
          }
          case "PARSE":
            set.status = 400;
            return body("invalid_json", "request body is not valid JSON");
          case "NOT_FOUND":
            set.status = 404;
            return body("not_found", "no such route");
          default: {
            const status = (error as { status?: number }).status;
            if (status === 413) {
              set.status = 413;
              return body("payload_too_large", "request body is too large");
            }
            if (isDatabaseUnavailable(error)) {
              // The database restarting or unreachable is not a bug: say "try again" (the transaction
              // rolled back, so a retry is safe), with a short Retry-After, instead of a 500.
              log.warn("database unavailable", { ...requestFields(request), error });
              set.status = 503;
              set.headers["retry-after"] = "1";
              return body(
                "unavailable",
                "the service cannot reach its database right now; nothing was changed, try again shortly",
              );
            }
            log.error("unhandled error", { ...requestFields(request), error });
            set.status = 500;
            return body("internal_error", "something went wrong on our side; it has been logged");
          }
        }
      })
  );
};
