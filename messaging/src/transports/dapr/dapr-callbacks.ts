import { errorText, type Logger } from "../../support/logger.ts";
import { batchHandlerOf, type SubscribeOptions, type Subscription } from "../transport.ts";
import { deliveredFrom } from "./dapr-delivery.ts";
import { routeOf, subscriptionList } from "./dapr-routes.ts";

type Status = "SUCCESS" | "RETRY" | "DROP";
const answer = (status: Status) => Response.json({ status });

export interface DaprCallbackOptions {
  pubsubName: string;
  /** Where daprd delivers events: `<prefix>/<topic>`. */
  prefix: string;
  escapedHeaders: boolean;
  log: Logger;
}

/**
 * The app side of Dapr's pub/sub: the subscriptions daprd reads once at start, and the deliveries it
 * POSTs, each handed to its topic's subscriber and answered SUCCESS, RETRY (Dapr delivers it again)
 * or DROP (not an event at all).
 * @example
 * const callbacks = new DaprCallbacks({ pubsubName: "pubsub-kafka", prefix: "/dapr/events", escapedHeaders: true, log });
 * await callbacks.subscribe({ group: "notifier", topics: ["reminders"], onMessage });
 * const response = await callbacks.handle(request); // undefined: not a Dapr route
 */
export class DaprCallbacks {
  private readonly subscriptions = new Map<string, SubscribeOptions>();
  private readonly inflight = new Set<Promise<unknown>>();
  private listed = false;
  private closed = false;
  private failures = 0;

  constructor(private readonly options: DaprCallbackOptions) {}

  subscribe(subscription: SubscribeOptions): Subscription {
    for (const topic of subscription.topics)
      if (this.subscriptions.has(topic))
        throw new Error(`dapr transport: ${topic} already has a subscriber in this app`);
    if (this.listed)
      this.options.log.warn(
        `dapr transport: subscribed to ${subscription.topics.join(", ")} after daprd read the subscription list; it delivers them only after the sidecar restarts`,
      );
    for (const topic of subscription.topics) this.subscriptions.set(topic, subscription);
    return {
      stop: async () => {
        for (const topic of subscription.topics)
          if (this.subscriptions.get(topic) === subscription) this.subscriptions.delete(topic);
        await this.settle();
      },
    };
  }

  /** The answer to a request from daprd; undefined when the request is not a Dapr route. */
  async handle(request: Request): Promise<Response | undefined> {
    const route = routeOf(request.method, new URL(request.url).pathname, this.options.prefix);
    if (route?.kind === "subscriptions") {
      this.listed = true;
      return Response.json(
        subscriptionList(this.subscriptions.keys(), this.options.pubsubName, this.options.prefix),
      );
    }
    return route?.kind === "delivery" ? this.deliver(request, route.topic) : undefined;
  }

  /** No delivery is handled from now on (Dapr keeps them); resolves once those under way are done. */
  async close() {
    this.closed = true;
    await this.settle();
  }

  private settle() {
    return Promise.allSettled([...this.inflight]);
  }

  private async deliver(request: Request, topic: string): Promise<Response> {
    const subscription = this.subscriptions.get(topic);
    // Not ours to handle now (closing, or stopped): Dapr keeps the event and delivers it again.
    if (this.closed || !subscription) return answer("RETRY");
    const body = await request.text();
    const message = deliveredFrom(topic, request.headers, body, this.options.escapedHeaders);
    if (!message) {
      // Its content stays out of the log: an event carries titles and other things users wrote.
      this.options.log.warn(
        `dapr transport: dropped a ${topic} delivery of ${body.length} bytes that is not a CloudEvent`,
      );
      return answer("DROP");
    }
    // Dapr pushes one message per request: a batch of one.
    const handling = batchHandlerOf(subscription).handle([message]);
    this.inflight.add(handling);
    try {
      await handling;
      this.failures = 0;
      return answer("SUCCESS");
    } catch (error) {
      // The consumer throws only when its database is down; Dapr redelivers after its backoff
      // (every second, for as long as it takes), so say it once and then every 20th time.
      this.failures++;
      if (this.failures === 1 || this.failures % 20 === 0)
        this.options.log.warn(
          `dapr transport: ${topic} ${message.partition}/${message.offset} not handled (${this.failures}x), Dapr will deliver it again: ${errorText(error)}`,
        );
      return answer("RETRY");
    } finally {
      this.inflight.delete(handling);
    }
  }
}
