import type { Delivered } from "../transport.ts";
import { headerValue, messageHeaders } from "./dapr-headers.ts";

interface Envelope {
  specversion?: unknown;
  id?: unknown;
  data?: unknown;
  data_base64?: unknown;
}

/**
 * The message daprd POSTs to a subscription route, or undefined when the body is not JSON at all
 * (then it did not come from Dapr). Our subscriptions ask for raw payloads, so daprd wraps the
 * Kafka record's exact bytes as base64 `data_base64`; a `data` object or string (a subscription
 * without rawPayload, or an event another Dapr app published as a CloudEvent) is taken as the
 * event too. Partition and offset come from the Kafka component's `__partition`/`__offset`
 * (-1 and the CloudEvent id on other brokers), the key from `__key`.
 */
export function deliveredFrom(
  topic: string,
  headers: Headers,
  body: string,
  escapedHeaders: boolean,
): Delivered | undefined {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!envelope || typeof envelope !== "object" || Array.isArray(envelope)) return undefined;
  const partition = headers.get("__partition");
  const key = headers.get("__key");
  return {
    topic,
    key: key === null ? "" : headerValue(key, escapedHeaders),
    value: messageText(envelope as Envelope, body),
    headers: messageHeaders(headers, escapedHeaders),
    partition: partition === null ? -1 : Number(partition),
    offset: headers.get("__offset") ?? String((envelope as Envelope).id ?? ""),
  };
}

function messageText(envelope: Envelope, body: string): string {
  if (typeof envelope.data_base64 === "string")
    return unwrapped(Buffer.from(envelope.data_base64, "base64").toString("utf8"));
  // Not a CloudEvent: daprd forwarded a JSON record as it was.
  if (envelope.specversion === undefined) return body;
  if (typeof envelope.data === "string") return envelope.data;
  // A CloudEvent without data is passed on as an empty message, so the consumer dead-letters it
  // with its reason instead of it vanishing here.
  return envelope.data === undefined ? "" : JSON.stringify(envelope.data);
}

// A record that is itself a CloudEvent (another Dapr app published it without rawPayload) carries
// the event in its `data`; every other record is the event as it was published.
function unwrapped(record: string): string {
  if (!record.includes('"specversion"')) return record;
  try {
    const inner = JSON.parse(record) as Envelope;
    if (typeof inner?.specversion === "string" && ("data" in inner || "data_base64" in inner))
      return messageText(inner, record);
  } catch {
    // not JSON: the consumer dead-letters it
  }
  return record;
}
