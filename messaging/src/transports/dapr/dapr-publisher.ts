import type { Logger } from "../../support/logger.ts";
import type { Message } from "../transport.ts";
import { travels } from "./dapr-headers.ts";
import { publishInKeyOrder } from "./publish-in-key-order.ts";

export interface DaprPublisherOptions {
  /** The sidecar's HTTP API, without a trailing slash. */
  base: string;
  pubsubName: string;
  timeoutMs: number;
  /** Keys published at once; one key's messages always go one after another. */
  concurrency: number;
  log: Logger;
}

/**
 * Publishes through the sidecar: each message POSTed with `rawPayload=true` (Kafka holds exactly the
 * event JSON), its key as the partition key and its headers as metadata (Kafka headers).
 * @example
 * const publish = daprPublisher({ base: "http://127.0.0.1:3500", pubsubName: "pubsub-kafka", timeoutMs: 10_000, concurrency: 16, log });
 * await publish(messages);
 */
export function daprPublisher(options: DaprPublisherOptions): (messages: Message[]) => Promise<void> {
  const { base, pubsubName, timeoutMs } = options;
  const refusedHeaders = new Set<string>();
  const warnHeader = (line: string) => options.log.warn(line);

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

  return (messages) => publishInKeyOrder(messages, options.concurrency, publishOne);
}
