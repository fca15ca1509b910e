import {
  batchHandlerOf,
  type Message,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from "../transport.ts";
import { createLogger, errorText, type Logger } from "../../support/logger.ts";
import { deliveredFrom } from "./dapr-delivery.ts";
import { travels } from "./dapr-headers.ts";
import { publishInKeyOrder } from "./publish-in-key-order.ts";

export interface DaprTransportOptions {
  /** The sidecar's HTTP API, e.g. `http://127.0.0.1:3500`. */
  daprHttpUrl: string;
  /** The pub/sub component's name (the Helm charts declare `pubsub-kafka`). */
  pubsubName?: string;
  /** Where daprd delivers events: `<prefix>/<topic>`; default `/dapr/events` (the platform routes forward `/dapr/*`). */
  appRoutePrefix?: string;
  /** Per request to the sidecar; default 10 s. */
  fetchTimeoutMs?: number;
  /** Keys published at once; one key's messages always go one after another. Default 16. */
  publishConcurrency?: number;
  /** The component sets `escapeHeaders: "true"` (ours do; see README.md). Default true. */
  escapedHeaders?: boolean;
  /** Where the transport's warnings go; the service's logger. */
  logger?: Logger;
}

type Status = "SUCCESS" | "RETRY" | "DROP";
const answer = (status: Status) => Response.json({ status });

function topicOf(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // not a route this transport handed out
  }
}

/**
 * Events through a Dapr sidecar's pub/sub API. Publishing POSTs each message with
 * `rawPayload=true`, so Kafka holds exactly the event JSON (as with the kafka transport) and the
 * message headers become Kafka headers. Dapr pushes deliveries to the app, so the app must pass
 * `/dapr/*` requests to `handleHttp`, and subscribe before it starts listening: daprd reads the
 * subscription list once, when the app comes up. The consumer group is the component's
 * `consumerGroup` (one component per app id), so `group` is informational here; topics are
 * created by the broker (`auto.create.topics.enable`) or by whoever runs Kafka.
 * @example
 * const transport = createDaprTransport({ daprHttpUrl: "http://127.0.0.1:3500" });
 * await startConsumer({ name: "notifications", database, transport, handlers, metrics });
 * Bun.serve({ port, fetch: async (req) => (await transport.handleHttp!(req)) ?? app.handle(req) });
 */
export function createDaprTransport(options: DaprTransportOptions): Transport {
  const base = options.daprHttpUrl.replace(/\/+$/, "");
  const pubsubName = options.pubsubName ?? "pubsub-kafka";
  const prefix = (options.appRoutePrefix ?? "/dapr/events").replace(/\/+$/, "");
  const timeoutMs = options.fetchTimeoutMs ?? 10_000;
  const escapedHeaders = options.escapedHeaders ?? true;
  const subscriptions = new Map<string, SubscribeOptions>();
  const inflight = new Set<Promise<unknown>>();
  let listed = false;
  let closed = false;
  let failures = 0;
  const log = options.logger ?? createLogger({ service: "dapr-transport" });
  const refusedHeaders = new Set<string>();
  const warnHeader = (line: string) => log.warn(line);

  async function publishOne(message: Message) {
    const query = new URLSearchParams({
      "metadata.rawPayload": "true",
      "metadata.partitionKey": message.key,
    });
    for (const [name, value] of Object.entries(message.headers))
      if (travels(name, refusedHeaders, warnHeader)) query.append(`metadata.${name}`, value);
    const url = `${base}/v1.0/publish/${encodeURIComponent(pubsubName)}/${encodeURIComponent(message.topic)}?${query}`;
    const response = await fetch(url, {
      method: "POST",
      body: message.value,
      headers: { "content-type": "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: Error) => {
      throw new Error(
        `dapr publish to ${message.topic}: sidecar at ${base} did not answer: ${error.message}`,
      );
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `dapr publish to ${pubsubName}/${message.topic} failed with HTTP ${response.status}: ${text.slice(0, 500)}`,
      );
  }

  async function deliver(request: Request, topic: string): Promise<Response> {
    const subscription = subscriptions.get(topic);
    // Not ours to handle now (closing, or stopped): Dapr keeps the event and delivers it again.
    if (closed || !subscription) return answer("RETRY");
    const body = await request.text();
    const message = deliveredFrom(topic, request.headers, body, escapedHeaders);
    if (!message) {
      // Its content stays out of the log: an event carries titles and other things users wrote.
      log.warn(
        `dapr transport: dropped a ${topic} delivery of ${body.length} bytes that is not a CloudEvent`,
      );
      return answer("DROP");
    }
    // Dapr pushes one message per request: a batch of one.
    const handling = batchHandlerOf(subscription).handle([message]);
    inflight.add(handling);
    try {
      await handling;
      failures = 0;
      return answer("SUCCESS");
    } catch (error) {
      // The consumer throws only when its database is down; Dapr redelivers after its backoff
      // (every second, for as long as it takes), so say it once and then every 20th time.
      failures++;
      if (failures === 1 || failures % 20 === 0)
        log.warn(
          `dapr transport: ${topic} ${message.partition}/${message.offset} not handled (${failures}x), Dapr will deliver it again: ${errorText(error)}`,
        );
      return answer("RETRY");
    } finally {
      inflight.delete(handling);
    }
  }

  const settle = () => Promise.allSettled([...inflight]);

  return {
    kind: "dapr",
    async publish(messages: Message[]) {
      if (closed) throw new Error("dapr transport is closed");
      await publishInKeyOrder(messages, options.publishConcurrency ?? 16, publishOne);
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      for (const topic of subscription.topics)
        if (subscriptions.has(topic))
          throw new Error(`dapr transport: ${topic} already has a subscriber in this app`);
      if (listed)
        log.warn(
          `dapr transport: subscribed to ${subscription.topics.join(", ")} after daprd read the subscription list; it delivers them only after the sidecar restarts`,
        );
      for (const topic of subscription.topics) subscriptions.set(topic, subscription);
      return {
        async stop() {
          for (const topic of subscription.topics)
            if (subscriptions.get(topic) === subscription) subscriptions.delete(topic);
          await settle();
        },
      };
    },
    async ensureTopics() {
      // Nothing to do: Dapr's Kafka component has no topic admin, and the broker (or its operator) creates them.
    },
    async handleHttp(request: Request) {
      const path = new URL(request.url).pathname;
      if (request.method === "GET" && path === "/dapr/subscribe") {
        listed = true;
        // rawPayload: deliveries carry the record's exact bytes (and any record, even invalid
        // JSON, reaches the consumer, which dead-letters it). No deadLetterTopic: the consumer
        // layer dead-letters to `<topic>.dlq` with the reason, and Dapr must never drop an event.
        return Response.json(
          [...subscriptions.keys()].map((topic) => ({
            pubsubname: pubsubName,
            topic,
            route: `${prefix}/${encodeURIComponent(topic)}`,
            metadata: { rawPayload: "true" },
          })),
        );
      }
      if (request.method !== "POST" || !path.startsWith(`${prefix}/`)) return undefined;
      const topic = topicOf(path.slice(prefix.length + 1));
      return topic === undefined ? undefined : deliver(request, topic);
    },
    async ready() {
      if (closed) return false;
      const response = await fetch(`${base}/v1.0/healthz/outbound`, {
        signal: AbortSignal.timeout(timeoutMs),
      }).catch(() => undefined);
      return response?.status === 204;
    },
    async close() {
      closed = true;
      await settle();
    },
  };
}
