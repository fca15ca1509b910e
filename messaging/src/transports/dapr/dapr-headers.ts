// How message headers travel through Dapr: each one is a publish metadata entry (`metadata.<name>`
// in the query), which Dapr's Kafka component writes as a Kafka record header; on delivery the
// component turns record headers back into metadata, and daprd sends them to the app as HTTP
// headers. See README.md in this folder for what survives the trip.

/**
 * Metadata names Dapr or its Kafka component act on (a header `partitionNumber` would pick the
 * partition, `rawPayload` the envelope): such message headers are not sent.
 */
const STEERING = new Set([
  "partitionkey",
  "partitionnumber",
  "rawpayload",
  "ttlinseconds",
  "valueschematype",
]);

/** HTTP headers of the delivery request itself, and Dapr's own: never part of the message. */
const DELIVERY_ONLY = new Set([
  "host",
  "user-agent",
  "accept",
  "accept-encoding",
  "content-type",
  "content-length",
  "connection",
  "transfer-encoding",
  "pubsubname",
  "partitionkey",
  "rawpayload",
  "dapr-app-id",
  "dapr-caller-app-id",
  "dapr-callee-app-id",
  "dapr-caller-namespace",
  "dapr-api-token",
  "grpc-trace-bin",
]);

// An HTTP header name (RFC 9110 token): anything else would make daprd's delivery request invalid.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Whether a message header can make the trip; `warn` hears why one cannot (once per name: the caller's set). */
export function travels(name: string, warned: Set<string>, warn: (line: string) => void): boolean {
  const lower = name.toLowerCase();
  const reason = !TOKEN.test(name)
    ? "is not a valid HTTP header name"
    : STEERING.has(lower) || lower.startsWith("cloudevent.")
      ? "would steer Dapr's publish"
      : lower.startsWith("__") || DELIVERY_ONLY.has(lower)
        ? "is one Dapr or HTTP uses for the delivery itself"
        : undefined;
  if (reason && !warned.has(name)) {
    warned.add(name);
    warn(`dapr transport: message header "${name}" is not sent: it ${reason}`);
  }
  return reason === undefined;
}

/**
 * The message's headers from a delivery request. With the component's `escapeHeaders: "true"`
 * the values arrive query-escaped (Go's url.QueryEscape), which is what lets a value with a
 * newline or any Unicode through HTTP; `escaped` says to undo it.
 */
export function messageHeaders(headers: Headers, escaped: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.startsWith("__") || DELIVERY_ONLY.has(name)) return;
    out[name] = headerValue(value, escaped);
  });
  return out;
}

/** One header value as the publisher wrote it. */
export function headerValue(value: string, escaped: boolean): string {
  if (escaped) {
    try {
      return decodeURIComponent(value.replaceAll("+", " "));
    } catch {
      return value; // not escaped after all (set by daprd itself, e.g. traceparent)
    }
  }
  // Unescaped UTF-8 bytes reach Bun as Latin-1 characters: reassemble them.
  return /[\x80-\xff]/.test(value)
    ? new TextDecoder().decode(Uint8Array.from(value, (c) => c.charCodeAt(0)))
    : value;
}
