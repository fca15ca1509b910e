import { SignJWT, jwtVerify } from "jose";
import type { Clock } from "@todo/outbox/runtime";

export interface TokenService {
  issue(userId: string): Promise<string>;
  /** The user id the token was issued for, or null when it is missing, forged or expired. */
  verify(token: string): Promise<string | null>;
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
