import { Elysia } from "elysia";
import { toOpenAPISchema } from "@elysiajs/openapi";
// Puts back a "uuid" format check that builds nothing per value (@elysiajs/openapi's builds a Zod schema).
import "./uuid-format.ts";

// The public OpenAPI document of a service, built from its routes' TypeBox schemas and completed
// with what the routes do not declare: the error answers every route can give (the body guard's
// 400/413/415, auth's 401, a missing id's 404, the rules' 409 and 429), all in the one error shape.
// Sidecar callbacks (/dapr/*, /job/*) and test routes (/test/*) are not public, and only the
// methods a route really answers are listed (an `.all` route is documented by hand or hidden).

const ErrorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: "invalid input: the message names the field",
  401: "missing, invalid or expired token",
  404: "no such resource for this user",
  409: "conflicts with the current state",
  413: "request body too large",
  415: "request body is not application/json",
  429: "too many attempts; see Retry-After",
  503: "a dependency (database, another service) is unavailable; retry shortly",
};

/** Which error statuses an operation can answer, besides those every operation shares. */
export type ErrorRule = (path: string, method: string) => number[];

const INTERNAL = [/^\/dapr\//, /^\/job\//, /^\/test\//, /^\/openapi/];

type Operation = { requestBody?: unknown; parameters?: unknown[]; responses?: Record<string, unknown> };

/** The statuses any operation of these services can answer, from its shape alone. */
function sharedStatuses(path: string, operation: Operation): number[] {
  const statuses: number[] = [];
  if (operation.requestBody) statuses.push(400, 413, 415);
  else if (operation.parameters?.length) statuses.push(400);
  if (path.includes("{")) statuses.push(404);
  return statuses;
}

/** Adds the error answers to every operation of a generated document (mutates and returns it). */
export function completeErrorResponses(
  document: { paths: Record<string, Record<string, Operation>> },
  rule: ErrorRule,
) {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      operation.responses ??= {};
      // A route without a response schema still answers: 204 for a delete, 200 otherwise.
      if (!Object.keys(operation.responses).some((status) => status.startsWith("2")))
        operation.responses[method === "delete" ? "204" : "200"] = {
          description: method === "delete" ? "done" : "ok",
        };
      for (const status of new Set([...sharedStatuses(path, operation), ...rule(path, method)])) {
        operation.responses[String(status)] ??= {
          description: DESCRIPTIONS[status] ?? "error",
          content: { "application/json": { schema: ErrorSchema } },
        };
      }
    }
  }
  return document;
}

// The generator lists no body media type for a route with a parse hook (the body guard's), and
// JSON, form and multipart for one without; so it reads the routes without their parse hooks, and
// jsonBodiesOnly keeps the one media type the guard accepts.
function withoutParseHooks(app: Elysia) {
  // Both are protected on Elysia's type; the generator itself calls them the same way.
  const open = app as unknown as {
    getGlobalRoutes(): { hooks?: object }[];
    getGlobalDefinitions?(): unknown;
  };
  return {
    getGlobalRoutes: () =>
      open.getGlobalRoutes().map((route) => ({ ...route, hooks: { ...route.hooks, parse: undefined } })),
    getGlobalDefinitions: () => open.getGlobalDefinitions?.(),
  };
}

function jsonBodiesOnly(document: { paths: Record<string, Record<string, Operation>> }) {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const content = (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
      if (content)
        for (const type of Object.keys(content)) if (type !== "application/json") delete content[type];
    }
  }
  return document;
}

export interface OpenApiOptions {
  info: { title: string; version: string; description?: string };
  errors: ErrorRule;
}

/**
 * `GET /openapi/json`: the service's public OpenAPI 3.1 document (built once, on first request).
 * @example
 * app.use(openapiDocument({ info: { title: "backend", version: "1" }, errors: (path) => path.startsWith("/api/") ? [401] : [] }))
 */
export function openapiDocument(options: OpenApiOptions) {
  const plugin = new Elysia({ name: "openapi-document" });
  let document: unknown;
  return plugin
    .get("/openapi", ({ redirect }) => redirect("/openapi/json"), { detail: { hide: true } })
    .get(
      "/openapi/json",
      () => {
        if (!document) {
          const generated = toOpenAPISchema(withoutParseHooks(plugin) as never, {
            paths: INTERNAL,
            methods: ["options", "head", "trace", "connect"],
          }) as unknown as { paths: Record<string, Record<string, Operation>>; components: unknown };
          document = {
            openapi: "3.1.0",
            info: options.info,
            ...completeErrorResponses(jsonBodiesOnly(generated), options.errors),
          };
        }
        return document;
      },
      { detail: { hide: true } },
    );
}
