import type { Clock } from "./clock.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

/** One JSON line per entry: time, level, service, msg, then the fields (request_id, event_id…). */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every entry (e.g. one request's id). */
  child(fields: LogFields): Logger;
}

// Field names whose values never reach a log: credentials, personal data, what users write
// (titles, descriptions, names, chat messages) and query parameters. Compared lowercased without
// `_` and `-`, whole or as the name's end (password_hash, accessToken, user_email).
const REDACTED_NAMES = new Set([
  "password",
  "hash",
  "token",
  "secret",
  "authorization",
  "cookie",
  "setcookie",
  "email",
  "title",
  "description",
  "name",
  "message",
  "text",
  "body",
  "params",
  "parameters",
  "detail",
  "apikey",
]);
const REDACTED_ENDINGS = /(password|hash|token|secret|email|title|cookie|apikey)$/;
const isSensitive = (key: string) => {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return REDACTED_NAMES.has(k) || REDACTED_ENDINGS.test(k);
};
export const REDACTED = "[redacted]";

// drizzle's DrizzleQueryError says "Failed query: <sql>\nparams: <every value>": the values go.
const withoutParams = (message: string) => message.replace(/\nparams:[\s\S]*$/, "\nparams: [redacted]");

/**
 * An error's message for a plain log line or a header: drizzle's "params:" tail (every value of a
 * failed query: titles, emails, hashes) cut off.
 * @example headers: { dlq_error: errorText(error) }
 */
export const errorText = (error: unknown): string =>
  withoutParams(error instanceof Error ? error.message : String(error));

/** An error as loggable data: name, code, message (query parameters cut), stack frames, causes. */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 4)
    return typeof error === "string" ? withoutParams(error) : String(error);
  const e = error as Error & { code?: unknown; cause?: unknown };
  const frames = e.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 12)
    .join("\n");
  // Only these parts: a driver's error also holds `detail` (PostgreSQL's "Failing row contains
  // (…)" quotes the whole row), the query's parameters and the values of a violated key.
  const out: Record<string, unknown> = { name: e.name, message: withoutParams(e.message) };
  if (typeof e.code === "string") out.code = e.code;
  if (frames) out.stack = frames;
  if (e.cause !== undefined) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** A copy of `value` with every sensitive field's value replaced by "[redacted]". */
export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return serializeError(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[key] = isSensitive(key) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The services' structured logger: JSON lines on stdout (or `write`), with sensitive fields and
 * failed queries' parameters redacted, so an error never puts an email or a hash in the log.
 * @example
 * const log = createLogger({ service: "backend" });
 * log.error("unhandled error", { request_id: id, error });
 * // {"time":"…","level":"error","service":"backend","msg":"unhandled error","request_id":"…","error":{…}}
 */
export function createLogger(options: {
  service: string;
  level?: LogLevel;
  clock?: Clock;
  write?: (line: string) => void;
  fields?: LogFields;
}): Logger {
  const min = ORDER[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = options.fields ?? {};
  const entry =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (ORDER[level] < min) return;
      const time = (options.clock?.now() ?? new Date()).toISOString();
      write(
        JSON.stringify({
          time,
          level,
          service: options.service,
          msg,
          ...(redact({ ...base, ...fields }) as LogFields),
        }),
      );
    };
  return {
    debug: entry("debug"),
    info: entry("info"),
    warn: entry("warn"),
    error: entry("error"),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}
