import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { TransportConfigSchema } from "@todo/messaging";
import {
  checkAppToken,
  checkTestClock,
  loadConfigFrom,
  resolveAuthSecret,
  serviceConfigSchema,
} from "@todo/service-kit";

/** The built pages (`bun --bun astro build` writes them here). */
export const DEFAULT_DIST = join(dirname(import.meta.dir), "dist");

const SiteSettings = Type.Object({
  BACKEND_URL: Type.String({
    default: "http://127.0.0.1:8000",
    description: "where /api/* is forwarded (the backend), except /api/notifications*",
  }),
  NOTIFIER_URL: Type.String({
    default: "http://127.0.0.1:8002",
    description: "where /api/notifications* is forwarded (the notifier, which checks the session itself)",
  }),
  RECURRING_URL: Type.String({
    default: "http://127.0.0.1:8001",
    description: "the recurring service, for the schedule editor's preview (POST /api/recurrences/preview)",
  }),
  STATIC_DIR: Type.String({ default: DEFAULT_DIST, description: "the built site (astro build output)" }),
  SITE_CONSUMER_GROUP: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "consumer group for task-updates; default site-<hostname> (one per replica), site with EVENT_TRANSPORT=memory",
    }),
  ),
  SSE_REPLAY_EVENTS: Type.Integer({
    default: 200,
    minimum: 1,
    description: "recent events kept per user for Last-Event-ID resume",
  }),
  SSE_MAX_STREAMS_PER_USER: Type.Integer({
    default: 5,
    minimum: 1,
    description: "open /events streams per user per replica; one more closes the user's oldest",
  }),
  SSE_SESSION_CHECK_SECONDS: Type.Integer({
    default: 60,
    minimum: 1,
    description:
      "how often an open /events stream asks the backend whether its session was signed out (on another replica, or by an API client); also asked when a stream opens",
  }),
  SSE_HEARTBEAT_SECONDS: Type.Integer({
    default: 15,
    minimum: 1,
    description: "comment line sent on idle streams to keep proxies from closing them",
  }),
  COOKIE_SECURE: Type.Optional(
    Type.Boolean({
      description: "Secure attribute on the session cookie; default: on when NODE_ENV=production",
    }),
  ),
});

/** Every setting the site reads; read once, in main.ts. */
export const ConfigSchema = Type.Composite([TransportConfigSchema, serviceConfigSchema(3000), SiteSettings]);
export type Config = Static<typeof ConfigSchema> & {
  authSecret: string;
  consumerGroup: string;
  cookieSecure: boolean;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfigFrom(ConfigSchema, env);
  checkTestClock(config);
  checkAppToken(config);
  return {
    ...config,
    DATA_DIR: resolve(config.DATA_DIR),
    STATIC_DIR: resolve(config.STATIC_DIR),
    BACKEND_URL: config.BACKEND_URL.replace(/\/+$/, ""),
    NOTIFIER_URL: config.NOTIFIER_URL.replace(/\/+$/, ""),
    RECURRING_URL: config.RECURRING_URL.replace(/\/+$/, ""),
    authSecret: resolveAuthSecret(config),
    // Every replica must see every event (each holds its own browsers' streams): one group each. In
    // one process (memory) a fixed name: the log keeps what any known group has not read, so a group
    // per hostname would pin it forever after the machine is renamed.
    consumerGroup:
      config.SITE_CONSUMER_GROUP ?? (config.EVENT_TRANSPORT === "memory" ? "site" : `site-${hostname()}`),
    cookieSecure: config.COOKIE_SECURE ?? config.NODE_ENV === "production",
  };
}
