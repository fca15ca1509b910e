import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { SignJWT, jwtVerify } from "jose";
import { ConfigError } from "./load-config.ts";
import type { Clock } from "./clock.ts";

export interface TokenService {
  issue(userId: string): Promise<string>;
  /** The user id the token was issued for, or null when it is missing, forged or expired. */
  verify(token: string): Promise<string | null>;
}

/**
 * The token of `Authorization: Bearer <token>`, the only credential the services accept. A cookie
 * would ride along on any form another page submits (CSRF); the site alone keeps the cookie, checks
 * the request's origin, and forwards the token as this header.
 * @example bearerToken(request.headers) // "eyJhbGciOi…" or null
 */
export function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice(7).trim() || null : null;
}

/** Session tokens: HS256 JWTs signed with the configured secret. */
export function createTokenService(secret: string, ttlSeconds: number, clock: Clock): TokenService {
  const key = new TextEncoder().encode(secret);
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  return {
    async issue(userId) {
      const iat = nowSeconds();
      return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(userId).setIssuedAt(iat).setExpirationTime(iat + ttlSeconds).sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], currentDate: clock.now() });
        return typeof payload.sub === "string" ? payload.sub : null;
      } catch {
        return null; // expired, malformed or signed with another key: all mean "not signed in"
      }
    },
  };
}

/**
 * The token secret: AUTH_SECRET when set (from a Kubernetes Secret in a cluster). In development
 * a random secret is made once into DATA_DIR/auth-secret, never committed, so every service on the
 * machine signs and checks with the same one; production refuses to run without AUTH_SECRET.
 */
export function resolveAuthSecret(config: { AUTH_SECRET?: string; NODE_ENV: string; DATA_DIR: string }): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.NODE_ENV === "production") throw new ConfigError("AUTH_SECRET is required in production");
  const file = join(resolve(config.DATA_DIR), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(resolve(config.DATA_DIR), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
