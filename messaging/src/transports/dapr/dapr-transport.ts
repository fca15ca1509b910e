import { createLogger, type Logger } from "../../support/logger.ts";
import type { Message, SubscribeOptions, Subscription, Transport } from "../transport.ts";
import { DaprCallbacks } from "./dapr-callbacks.ts";
import { daprPublisher } from "./dapr-publisher.ts";

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
  const timeoutMs = options.fetchTimeoutMs ?? 10_000;
  const log = options.logger ?? createLogger({ service: "dapr-transport" });
  const publish = daprPublisher({
    base,
    pubsubName,
    timeoutMs,
    concurrency: options.publishConcurrency ?? 16,
    log,
  });
  const callbacks = new DaprCallbacks({
    pubsubName,
    prefix: (options.appRoutePrefix ?? "/dapr/events").replace(/\/+$/, ""),
    escapedHeaders: options.escapedHeaders ?? true,
    log,
  });
  let closed = false;
  return {
    kind: "dapr",
    async publish(messages: Message[]) {
      if (closed) throw new Error("dapr transport is closed");
      await publish(messages);
    },
    subscribe: async (subscription: SubscribeOptions): Promise<Subscription> =>
      callbacks.subscribe(subscription),
    async ensureTopics() {
      // Nothing to do: Dapr's Kafka component has no topic admin, and the broker (or its operator) creates them.
    },
    handleHttp: (request: Request) => callbacks.handle(request),
    async ready() {
      if (closed) return false;
      const response = await fetch(`${base}/v1.0/healthz/outbound`, {
        signal: AbortSignal.timeout(timeoutMs),
      }).catch(() => undefined);
      return response?.status === 204;
    },
    async close() {
      closed = true;
      await callbacks.close();
    },
  };
}
