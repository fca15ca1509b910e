import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { SignJWT, jwtVerify } from "jose";
import { ConfigError } from "./load-config.ts";
import type { Clock } from "@todo/messaging";

export interface TokenService {
  issue(userId: string): Promise<string>;
  /** The user id the token was issued for, or null when it is missing, forged or expired. */
  verify(token: string): Promise<string | null>;
  /** The token's user, session id (`sid`) and expiry, or null when it is not a valid session. */
  verifySession(token: string): Promise<{ userId: string; sessionId: string; expiresAt: Date } | null>;
}

/** The services a session token is good for; each checks that its own name is in `aud`. */
export type TokenAudience = "backend" | "notifier" | "site";
const AUDIENCES: TokenAudience[] = ["backend", "notifier", "site"];
/** Who signs session tokens (`iss`): only the backend issues them. */
export const TOKEN_ISSUER = "chat-todo-backend";

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

/**
 * Session tokens: HS256 JWTs signed with the configured secret, with `iss`, `aud` (every service
 * that serves the user), `exp` and a session id `sid`, all required when checked: a token without
 * an expiry, for another audience or from another issuer is no session. A token that passed is
 * remembered (verifiedTokens): its signature is not checked again, its expiry is, on every use.
 * @example
 * const tokens = createTokenService(secret, 3600, clock, "notifier");
 * const userId = await tokens.verify(bearer); // null unless signed, unexpired, for the notifier
 */
export function createTokenService(
  secret: string,
  ttlSeconds: number,
  clock: Clock,
  audience: TokenAudience = "backend",
): TokenService {
  const key = new TextEncoder().encode(secret);
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const verified = verifiedTokens();
  async function checkSignature(token: string): Promise<VerifiedClaims | null> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        currentDate: clock.now(),
        issuer: TOKEN_ISSUER,
        audience,
        requiredClaims: ["exp", "sub", "sid"],
      });
      if (
        typeof payload.sub !== "string" ||
        typeof payload.sid !== "string" ||
        typeof payload.exp !== "number"
      )
        return null;
      return { userId: payload.sub, sessionId: payload.sid, exp: payload.exp, nbf: payload.nbf };
    } catch {
      return null; // expired, malformed, without exp, for someone else or signed with another key: not signed in
    }
  }
  async function verifySession(token: string) {
    const remembered = verified.get(token, nowSeconds());
    const claims = remembered === undefined ? await checkSignature(token) : remembered;
    if (!claims) return null;
    if (remembered === undefined) verified.remember(token, claims);
    return { userId: claims.userId, sessionId: claims.sessionId, expiresAt: new Date(claims.exp * 1000) };
  }
  return {
    async issue(userId) {
      const iat = nowSeconds();
      return new SignJWT({ sid: crypto.randomUUID() })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(AUDIENCES)
        .setSubject(userId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
    verifySession,
    verify: async (token) => (await verifySession(token))?.userId ?? null,
  };
}

interface VerifiedClaims {
  userId: string;
  sessionId: string;
  exp: number;
  nbf?: number;
}

/** Most tokens whose signature check is remembered; past it the oldest is forgotten first. */
const REMEMBERED_TOKENS = 10_000;

/**
 * Tokens whose signature and time-independent claims (issuer, audience, required claims) passed,
 * by their exact text: a token's text fixes all of those, so they need checking once. The times
 * are checked again on every use, as jwtVerify checks them (exp > now, nbf <= now, in seconds), so
 * an expired token is refused the moment it expires. Whether the session was signed out is not a
 * property of the token: the backend asks its database on every request, as before.
 */
function verifiedTokens() {
  const claimsByToken = new Map<string, VerifiedClaims>();
  return {
    get(token: string, now: number): VerifiedClaims | null | undefined {
      const claims = claimsByToken.get(token);
      if (!claims) return undefined;
      if (claims.exp <= now) {
        claimsByToken.delete(token);
        return null;
      }
      return claims.nbf !== undefined && claims.nbf > now ? null : claims;
    },
    remember(token: string, claims: VerifiedClaims): void {
      if (claimsByToken.has(token)) return;
      if (claimsByToken.size >= REMEMBERED_TOKENS) claimsByToken.delete(claimsByToken.keys().next().value!);
      claimsByToken.set(token, claims);
    },
  };
}

/**
 * The token secret: AUTH_SECRET when set (from a Kubernetes Secret in a cluster). In development
 * a random secret is made once into DATA_DIR/auth-secret, never committed, so every service on the
 * machine signs and checks with the same one; production refuses to run without AUTH_SECRET.
 */
export function resolveAuthSecret(config: {
  AUTH_SECRET?: string;
  NODE_ENV: string;
  DATA_DIR: string;
}): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.NODE_ENV === "production") throw new ConfigError("AUTH_SECRET is required in production");
  const file = join(resolve(config.DATA_DIR), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(resolve(config.DATA_DIR), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
