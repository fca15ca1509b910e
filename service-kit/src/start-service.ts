import type { TopicName } from "@todo/schemas";
import { startConsumer, startRelay, type ConsumerOptions } from "@todo/messaging";
import type { openServiceRuntime } from "./service-runtime.ts";

export type ServiceRuntime = Awaited<ReturnType<typeof openServiceRuntime>>;

/** Something that runs until stopped: a scheduler, a subscription. */
export interface Stoppable {
  stop(): Promise<unknown>;
}

/** An app that listens (an Elysia app after `.listen()`). */
export interface Listening {
  stop(): Promise<unknown>;
  server: { port?: number } | null;
}

export interface StartServiceOptions {
  runtime: ServiceRuntime;
  /** The service's consumer: its group and inbox name, its handlers, and the events they ignore. */
  consumer: Pick<ConsumerOptions, "name" | "handlers" | "batchHandlers" | "ignores">;
  /** Topics the service publishes to, created with the handlers' topics (one ensureTopics) before anything runs. */
  topics?: TopicName[];
  /** Parts already started that live as long as the service (a scheduler); stopped after the consumer. */
  parts?: Stoppable[];
  /** Starts the HTTP app; called last, once events flow. */
  listen(): Listening;
}

/**
 * Starts a service's messaging and app in the one order every service uses, and stops them in
 * the reverse order: the app first (no new requests), then the consumer (no new events), the
 * parts (a scheduler's fires), the relay (which publishes what they wrote), and the runtime's
 * database and transport last. If a step fails, what already started is stopped again.
 * @example
 * const service = await startService({ runtime, consumer: { name: "notifier", handlers }, listen: () => createApp(deps).listen(port) });
 * await service.stop();
 */
export async function startService(
  options: StartServiceOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { runtime } = options;
  const { database, transport, clock, logger } = runtime;
  let app: Listening | undefined;
  let consumer: Stoppable | undefined;
  let relay: Stoppable | undefined;
  let stopped = false;
  const stopAll = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // The relay after the consumer and the parts: it publishes what they wrote.
    const order = [app, consumer, ...(options.parts ?? []), relay, { stop: () => runtime.close() }];
    for (const part of order) await part?.stop();
  };
  try {
    consumer = await startConsumer({
      ...options.consumer,
      publishes: options.topics,
      database,
      transport,
      metrics: runtime.messaging,
      logger,
    });
    relay = startRelay({
      database,
      transport,
      clock,
      metrics: runtime.messaging,
      registry: runtime.metrics,
      retention: runtime.retention,
      logger,
    });
    app = options.listen();
    return { url: `http://localhost:${app.server?.port}`, stop: stopAll };
  } catch (error) {
    await stopAll().catch((stopError: unknown) =>
      logger.error("could not stop what had started", { error: stopError }),
    );
    throw error;
  }
}
