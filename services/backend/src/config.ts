import { resolve } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { DatabaseConfigSchema } from "@todo/messaging/db";
import { TransportConfigSchema } from "@todo/messaging";
import {
  ConfigError,
  checkAppToken,
  checkTestClock,
  loadConfigFrom,
  resolveAuthSecret,
  serviceConfigSchema,
} from "@todo/service-kit";

/** Every setting the backend reads, with its default and a note; read once, in main.ts. */
export const ConfigSchema = Type.Composite([
  DatabaseConfigSchema,
  TransportConfigSchema,
  serviceConfigSchema(8000),
  Type.Object({
    TOKEN_TTL_SECONDS: Type.Integer({
      default: 7 * 24 * 3600,
      minimum: 60,
      description: "lifetime of a session token",
    }),
    NOTIFIER_URL: Type.String({
      default: "http://127.0.0.1:8002",
      description: "where /api/notifications is forwarded (the notifier service)",
    }),
    TRUSTED_PROXIES: Type.String({
      default: "",
      description:
        "comma-separated addresses or IPv4 CIDRs of the proxies in front (the site, the ingress) whose X-Forwarded-For entries are skipped to find the client for the signup/login limits; empty (default) trusts none",
    }),
    LOGIN_ATTEMPTS_PER_MINUTE: Type.Integer({
      default: 10,
      minimum: 1,
      description: "failed-or-not login attempts per email and address per minute (429 above)",
    }),
    AUTH_ATTEMPTS_PER_ADDRESS_PER_MINUTE: Type.Integer({
      default: 30,
      minimum: 1,
      description:
        "signups and logins together per client address per minute, whatever the email (429 above)",
    }),
    SIGNUPS_PER_ADDRESS_PER_HOUR: Type.Integer({
      default: 20,
      minimum: 1,
      description: "new accounts per client address per hour (429 above)",
    }),
    SIGNUP_ATTEMPTS_PER_EMAIL_PER_HOUR: Type.Integer({
      default: 5,
      minimum: 1,
      description:
        "signup attempts per email per hour, whatever the address (429 above): a 409 tells that an account exists, so probing one email is slowed",
    }),
    AUTH_ATTEMPTS_PER_MINUTE: Type.Integer({
      default: 600,
      minimum: 1,
      description:
        "signups and logins together per minute for everyone, per replica (429 above): a flood from many addresses",
    }),
    ARGON2_CONCURRENCY: Type.Integer({
      default: 2,
      minimum: 1,
      description: "password hashes (argon2id, ~64 MiB each) computed at once per replica",
    }),
    ARGON2_QUEUE: Type.Integer({
      default: 32,
      minimum: 0,
      description: "signups and logins waiting for a hash slot; more is a 429 with Retry-After",
    }),
    OPENAI_API_KEY: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "set: the chat reads messages with an LLM through the openai package (tool calling), falling back to the rules on failure; unset: the built-in rules only",
      }),
    ),
    OPENAI_BASE_URL: Type.Optional(
      Type.String({
        description:
          "an OpenAI-compatible endpoint (e.g. a local or Azure-hosted model); unset is api.openai.com",
      }),
    ),
    OPENAI_MODEL: Type.String({ default: "gpt-4o-mini", description: "the chat model that calls the tools" }),
    OPENAI_TIMEOUT_MS: Type.Integer({
      default: 8000,
      minimum: 100,
      maximum: 120000,
      description: "bound on one completion request; no retries, the rules answer on time-out",
    }),
    OPENAI_COOLDOWN_SECONDS: Type.Integer({
      default: 30,
      minimum: 0,
      description: "after a time-out or provider outage, how long the rules answer without asking the model",
    }),
    CONVERSATION_STORE: Type.Union([Type.Literal("database"), Type.Literal("dapr")], {
      default: "database",
      description:
        "where chat history lives: the backend's database, or the Dapr state store through the sidecar (DAPR_HTTP_PORT)",
    }),
    DAPR_STATE_STORE: Type.String({
      default: "statestore",
      description: "the Dapr state store component for chat history (CONVERSATION_STORE=dapr)",
    }),
  }),
]);
export type Config = Static<typeof ConfigSchema> & { authSecret: string };

export { ConfigError };

/** Reads, converts and checks the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfigFrom(ConfigSchema, env);
  checkTestClock(config);
  checkAppToken(config);
  return { ...config, DATA_DIR: resolve(config.DATA_DIR), authSecret: resolveAuthSecret(config) };
}
