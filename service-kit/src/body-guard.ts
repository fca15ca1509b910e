import { Elysia } from "elysia";
import { PayloadTooLarge, UnsupportedMediaType, Validation } from "./errors.ts";
import { checkStrings, stringProblem } from "./text-rules.ts";

/**
 * Deepest JSON nesting a request body may have. Every body this product accepts is at most a few
 * levels deep; the bound keeps JSON.parse, validation and Elysia's ValidationError (which
 * pretty-prints the whole value, quadratic in depth) linear in the body's size.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Most values (scalars, arrays and objects) a request body may hold. The largest body this product
 * accepts (a task with 50 tags) has under a hundred; 64 KB of `0,` has 30,000, and validating and
 * describing such a body took tens of milliseconds of one core per request (README "Security").
 */
export const MAX_JSON_VALUES = 1000;

/**
 * Bun's own body limit, far above MAX_BODY_BYTES: Bun answers a body over it with an empty 413
 * before any route runs, so the real limit is enforced here instead, where the answer can be in
 * the `{error}` shape. Declared lengths are refused before reading; chunked bodies while reading.
 */
export const bunBodyCeiling = (maxBodyBytes: number) => Math.max(maxBodyBytes * 64, 64 * 1024 * 1024);

// Sidecar callbacks (Dapr's pub/sub deliveries and Jobs API) carry the sidecar's own formats and
// are read by the transport or scheduler itself, never by Elysia's parser, under their own cap
// (readCallback): an event may be larger than an API body, but never without bound.
const RAW_ROUTES = ["/dapr/", "/job/"];
const isRawRoute = (path: string) => RAW_ROUTES.some((prefix) => path.startsWith(prefix));

/** Default of MAX_CALLBACK_BYTES: an event is a task's summary, far below it. */
export const DEFAULT_MAX_CALLBACK_BYTES = 1024 * 1024;

const isJson = (contentType: string) =>
  /^application\/([\w.+-]+\+)?json$/i.test(contentType.split(";")[0]!.trim());

/**
 * Which bound the JSON text breaks first, in one linear scan that skips strings: `"depth"` when it
 * nests arrays or objects deeper than `limits.depth`, `"values"` when it holds more than
 * `limits.values` values (each scalar, array and object once: one, plus one per comma, plus one per
 * non-empty array or object; object keys are not values). Exact for valid JSON; for invalid text
 * a bound good enough to refuse on. Undefined when it breaks neither.
 * @example
 * jsonLimitBroken("[[1, 2]]", { depth: 1, values: 10 }); // "depth"
 */
export function jsonLimitBroken(
  text: string,
  limits: { depth: number; values: number },
): "depth" | "values" | undefined {
  let depth = 0;
  let values = 1;
  let inString = false;
  let opened = false; // the last significant character opened an array or object
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue; // whitespace changes nothing
    if (opened && c !== 93 /* ] */ && c !== 125 /* } */) values++; // the container's first value
    opened = c === 91 /* [ */ || c === 123 /* { */;
    if (opened && ++depth > limits.depth) return "depth";
    if (c === 93 || c === 125) depth--;
    else if (c === 44 /* , */) values++;
    else if (c === 34) inString = true;
    if (values > limits.values) return "values";
  }
  return undefined;
}

/** Reads a body as text, refusing it with PayloadTooLarge as soon as it passes `maxBytes`. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLarge(`request body is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A sidecar callback with its body read under `maxBytes` (PayloadTooLarge, a 413, above it: by its
 * Content-Length before reading, else while reading), as a new Request the transport or scheduler
 * reads as usual. Called after the app token check, so no stranger's body is read at all.
 * @example
 * const response = await transport.handleHttp(await readCallback(request, 1024 * 1024));
 */
export async function readCallback(request: Request, maxBytes: number): Promise<Request> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes)
    throw new PayloadTooLarge(`request body is larger than ${maxBytes} bytes`);
  const body =
    request.method === "GET" || request.method === "HEAD" ? undefined : await readBodyText(request, maxBytes);
  return new Request(request.url, { method: request.method, headers: request.headers, body });
}

/**
 * Parses a JSON body after the checks that keep every later step cheap: size, then depth and value
 * count; then every string in it must pass the universal text rule (text-rules.ts). Empty is null.
 */
export function parseGuardedJson(text: string): unknown {
  if (text.trim() === "") return null; // an empty body on a route without one is no error
  const broken = jsonLimitBroken(text, { depth: MAX_JSON_DEPTH, values: MAX_JSON_VALUES });
  if (broken === "depth") throw new Validation("body", `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (broken === "values") throw new Validation("body", `holds more than ${MAX_JSON_VALUES} values`);
  const value: unknown = JSON.parse(text); // a SyntaxError here is answered as invalid_json
  checkStrings(value);
  return value;
}

// The text of each JSON body the guard accepted, by request: a proxy forwards these bytes, not a
// re-serialisation of the parsed value (which turns 1e400 into null and collapses duplicate keys,
// so the service behind it would judge another body than the client sent).
const acceptedText = new WeakMap<Request, string>();

/**
 * The exact JSON text of a request's body, once the body guard accepted it (size, depth, value
 * count, text rules); undefined when the request had no JSON body.
 * @example fetch(upstream, { method: "POST", headers, body: acceptedJsonText(request) })
 */
export const acceptedJsonText = (request: Request): string | undefined => acceptedText.get(request);

/** Query parameters follow the same text rule as body strings (`?q=%00` reached PostgreSQL as a 500). */
function checkQuery(url: URL): void {
  for (const [name, value] of url.searchParams) {
    const problem = stringProblem(value) ?? stringProblem(name);
    if (problem) throw new Validation(name, problem);
  }
}

const hasBody = (request: Request) => request.body !== null && request.headers.get("content-length") !== "0";

/**
 * Every request body passes here before validation: a declared size over the limit is a 413
 * before routing and before anything is read; on a route, a body must say `application/json`
 * (forms and multipart are a 415, so no cross-site form can post one); JSON is read with the size
 * bound and parsed only if it is no deeper than MAX_JSON_DEPTH. Query parameters and every string
 * of the body follow text-rules.ts.
 * @example
 * new Elysia().use(bodyGuard(64 * 1024)).post("/api/tasks", ({ body }) => create(body), { body: TaskBody })
 */
export const bodyGuard = (maxBodyBytes: number) =>
  new Elysia({ name: "body-guard", seed: maxBodyBytes })
    .onRequest(({ request }) => {
      const url = new URL(request.url);
      checkQuery(url);
      const length = Number(request.headers.get("content-length") ?? 0);
      // Sidecar callbacks have their own cap, checked by their routes after the app token.
      if (length > maxBodyBytes && !isRawRoute(url.pathname))
        throw new PayloadTooLarge(`request body is larger than ${maxBodyBytes} bytes`);
    })
    .onParse({ as: "global" }, async ({ request }, contentType) => {
      // null (not undefined) stops Elysia's own parsers too: the raw route reads the body itself.
      // (The context's own `path` is only filled in where a handler asks for it.)
      if (isRawRoute(new URL(request.url).pathname)) return null;
      // Here, not before routing, so that an unknown route stays a 404 whatever its body.
      if (!isJson(contentType)) {
        if (hasBody(request))
          throw new UnsupportedMediaType(
            `request body must be application/json${contentType ? `, not ${contentType}` : ""}`,
          );
        return;
      }
      const text = await readBodyText(request, maxBodyBytes);
      const value = parseGuardedJson(text);
      if (value !== null) acceptedText.set(request, text);
      return value;
    });
