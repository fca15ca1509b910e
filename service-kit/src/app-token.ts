import { createHash, timingSafeEqual } from "node:crypto";
import { ConfigError } from "./load-config.ts";

/** The header Dapr puts its app API token in, on every call from the sidecar to the app. */
export const APP_TOKEN_HEADER = "dapr-api-token";

// Both sides hashed first: timingSafeEqual needs equal lengths, and comparing digests reveals
// neither the token's length nor how many leading characters a guess got right.
const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Whether a request to a sidecar-only route (`/dapr/*`, `/job/*`) may pass: always when no token
 * is configured (local runs without Dapr), else only with the exact `dapr-api-token` header.
 * @example
 * if (!hasAppToken(request, config.APP_API_TOKEN)) return unauthorized();
 */
export function hasAppToken(request: Request, expected: string | undefined): boolean {
  if (!expected) return true;
  const sent = request.headers.get(APP_TOKEN_HEADER);
  return sent !== null && timingSafeEqual(digest(sent), digest(expected));
}

/** The answer to a sidecar-only route called without the right token. */
export const appTokenRefused = () =>
  Response.json(
    {
      error: {
        code: "unauthorized",
        message: `this route is for the Dapr sidecar: send its app API token in the ${APP_TOKEN_HEADER} header`,
      },
    },
    { status: 401 },
  );

/**
 * In production a service that takes calls from a Dapr sidecar (pub/sub deliveries, job
 * triggers) must know the sidecar's token, or anyone who reaches the pod could post forged events.
 */
export function checkAppToken(config: {
  NODE_ENV: string;
  EVENT_TRANSPORT: string;
  SCHEDULER?: string;
  APP_API_TOKEN?: string;
}): void {
  const daprCallsIn = config.EVENT_TRANSPORT === "dapr" || config.SCHEDULER === "dapr";
  if (daprCallsIn && config.NODE_ENV === "production" && !config.APP_API_TOKEN) {
    throw new ConfigError(
      "APP_API_TOKEN is required with EVENT_TRANSPORT=dapr or SCHEDULER=dapr when NODE_ENV=production (the same token as the sidecar's, from a Kubernetes Secret)",
    );
  }
}
