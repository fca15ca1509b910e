import { join } from "node:path";
import { createTransport, Metrics } from "@todo/messaging";
import {
  backendSessionCheck,
  bunBodyCeiling,
  chooseClock,
  createLogger,
  createTokenService,
  runMain,
  type SharedProcess,
} from "@todo/service-kit";
import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";
import { createEventHub } from "./server/event-hub.ts";
import { relayTaskUpdates } from "./server/relay-updates.ts";

/**
 * Starts the site: the pages, the `/api/*` proxy (to the notifier for notifications, else the backend), and `/events`, fed by this
 * replica's own subscription to `task-updates`.
 */
export async function startSite(config: Config, shared: SharedProcess = {}) {
  const { clock, testClock } = chooseClock(config, shared);
  const logger = createLogger({ service: "site", clock });
  const transport =
    shared.transport ?? (await createTransport(config, "site", join(config.DATA_DIR, "events"), logger));
  const metrics = new Metrics();
  const hub = createEventHub({
    replayPerUser: config.SSE_REPLAY_EVENTS,
    maxStreamsPerUser: config.SSE_MAX_STREAMS_PER_USER,
  });
  // The site only checks tokens (the backend issues them), so the TTL here is never used.
  const tokens = createTokenService(config.authSecret, 0, clock, "site");
  const subscription = await relayTaskUpdates({
    transport,
    hub,
    group: config.consumerGroup,
    metrics,
    logger,
  });
  const sessions = backendSessionCheck(config.BACKEND_URL, logger);
  const deps = {
    transport,
    hub,
    tokens,
    sessions,
    metrics,
    clock,
    backendUrl: config.BACKEND_URL,
    notifierUrl: config.NOTIFIER_URL,
    recurringUrl: config.RECURRING_URL,
    staticDir: config.STATIC_DIR,
    cookieSecure: config.cookieSecure,
    heartbeatSeconds: config.SSE_HEARTBEAT_SECONDS,
    sessionCheckSeconds: config.SSE_SESSION_CHECK_SECONDS,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxCallbackBytes: config.MAX_CALLBACK_BYTES,
    appApiToken: config.APP_API_TOKEN,
    logger,
  };
  const app = createApp(deps, testClock).listen({
    port: config.PORT,
    hostname: config.HOST,
    maxRequestBodySize: bunBodyCeiling(config.MAX_BODY_BYTES),
  });
  return {
    url: `http://localhost:${app.server?.port}`,
    deps,
    /** Answers a request in-process (tests). */
    handle: (request: Request) => app.handle(request),
    async stop() {
      await app.stop(true); // open event streams never end by themselves
      await subscription.stop();
      if (!shared.transport) await transport.close();
    },
  };
}

if (import.meta.main) await runMain("site", () => startSite(loadConfig(process.env)));
