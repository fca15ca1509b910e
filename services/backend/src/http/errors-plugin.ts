import { Elysia } from "elysia";
import { AppError, InvalidJson, PayloadTooLarge } from "../errors.ts";

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const body = (code: string, message: string, field?: string): ErrorBody => ({ error: field ? { code, message, field } : { code, message } });

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

/** Maps every error to API.md's `{error: {code, message}}` in one place; a 500 shows no detail. */
export const errorsPlugin = (maxBodyBytes: number) =>
  new Elysia({ name: "errors" })
    .onRequest(({ request }) => {
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length > maxBodyBytes) throw new PayloadTooLarge(`request body is larger than ${maxBodyBytes} bytes`);
    })
    // Our own JSON parser: it enforces the size limit also when no Content-Length was sent
    // (chunked bodies, in-process requests) and reports malformed JSON as a 400.
    .onParse({ as: "global" }, async ({ request, contentType }) => {
      if (!contentType?.startsWith("application/json")) return;
      const bytes = await request.arrayBuffer();
      if (bytes.byteLength > maxBodyBytes) throw new PayloadTooLarge(`request body is larger than ${maxBodyBytes} bytes`);
      if (bytes.byteLength === 0) return undefined;
      try {
        return JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new InvalidJson("request body is not valid JSON");
      }
    })
    .onError({ as: "global" }, ({ code, error: raised, set }) => {
      // Elysia wraps what the parser throws in a ParseError; the cause is ours.
      const error = raised instanceof Error && raised.cause instanceof AppError ? raised.cause : raised;
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
          console.error("unhandled error", error);
          set.status = 500;
          return body("internal_error", "something went wrong on our side; it has been logged");
        }
      }
    });
