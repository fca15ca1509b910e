import type { Metrics, Transport } from "@todo/messaging";
import { platformRoutes } from "@todo/service-kit";
import type { EventHub } from "./event-hub.ts";

/**
 * `/healthz`, `/readyz` and `/metrics` for the site: the services' shared platform routes without
 * a database (the site is ready when its transport is), plus a gauge of its open streams.
 */
export const sitePlatformRoutes = (deps: {
  transport: Transport;
  metrics: Metrics;
  hub: EventHub;
  appApiToken?: string;
  maxCallbackBytes: number;
}) => {
  const streams = deps.metrics.gauge("site_sse_connections", "open Server-Sent Events streams", async () => [
    { value: deps.hub.connections() },
  ]);
  deps.metrics.onScrape(streams.refresh);
  return platformRoutes({
    transport: deps.transport,
    metrics: deps.metrics,
    appApiToken: deps.appApiToken,
    maxCallbackBytes: deps.maxCallbackBytes,
  });
};
