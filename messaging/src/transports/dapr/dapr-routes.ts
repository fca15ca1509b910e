/** What a request from daprd asks for: the subscription list, or the delivery of one event of a topic. */
export type DaprRoute = { kind: "subscriptions" } | { kind: "delivery"; topic: string };

/**
 * The route a request takes: `GET /dapr/subscribe` lists the subscriptions, `POST <prefix>/<topic>`
 * delivers an event; anything else (undefined) is not the transport's to answer.
 * @example
 * routeOf("POST", "/dapr/events/task-events", "/dapr/events"); // { kind: "delivery", topic: "task-events" }
 */
export function routeOf(method: string, path: string, prefix: string): DaprRoute | undefined {
  if (method === "GET" && path === "/dapr/subscribe") return { kind: "subscriptions" };
  if (method !== "POST" || !path.startsWith(`${prefix}/`)) return undefined;
  const topic = topicOf(path.slice(prefix.length + 1));
  return topic === undefined ? undefined : { kind: "delivery", topic };
}

function topicOf(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // not a route this transport handed out
  }
}

/**
 * The answer to `GET /dapr/subscribe`: one route per topic. rawPayload: deliveries carry the record's
 * exact bytes (and any record, even invalid JSON, reaches the consumer, which dead-letters it). No
 * deadLetterTopic: the consumer layer dead-letters to `<topic>.dlq` with the reason, and Dapr must
 * never drop an event.
 */
export function subscriptionList(topics: Iterable<string>, pubsubName: string, prefix: string) {
  return [...topics].map((topic) => ({
    pubsubname: pubsubName,
    topic,
    route: `${prefix}/${encodeURIComponent(topic)}`,
    metadata: { rawPayload: "true" },
  }));
}
