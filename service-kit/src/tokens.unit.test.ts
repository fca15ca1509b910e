import { describe, expect, test } from "bun:test";
import { SignJWT } from "jose";
import { fixedClock, type Clock } from "@todo/messaging";
import { createTokenService, TOKEN_ISSUER } from "./tokens.ts";

const SECRET = "tokens-unit-test-secret-0123456789-abcdef";
const key = new TextEncoder().encode(SECRET);
const clock = fixedClock(new Date("2026-12-06T10:00:00Z"));
const now = Math.floor(clock.now().getTime() / 1000);
const user = "0190f5a2-0000-7000-8000-000000000001";

/** A token signed with the right key but shaped by the test. */
const forge = (claims: { exp?: number; aud?: string | string[]; iss?: string; sid?: string }) => {
  let jwt = new SignJWT(claims.sid === undefined ? {} : { sid: claims.sid })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user)
    .setIssuedAt(now);
  if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
  if (claims.aud !== undefined) jwt = jwt.setAudience(claims.aud);
  if (claims.iss !== undefined) jwt = jwt.setIssuer(claims.iss);
  return jwt.sign(key);
};

describe("session tokens", () => {
  test("a token the backend issues carries iss, aud, exp and a session id, and every service accepts it", async () => {
    const token = await createTokenService(SECRET, 3600, clock).issue(user);
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({
      sub: user,
      iss: TOKEN_ISSUER,
      aud: ["backend", "notifier", "site"],
      exp: now + 3600,
      sid: expect.any(String),
    });
    for (const audience of ["backend", "notifier", "site"] as const)
      expect(await createTokenService(SECRET, 0, clock, audience).verify(token)).toBe(user);
    expect(await createTokenService(SECRET, 0, clock).verifySession(token)).toEqual({
      userId: user,
      sessionId: claims.sid,
      expiresAt: new Date((now + 3600) * 1000),
    });
  });

  test("a correctly signed token without exp, for another audience, from another issuer or without a session id is refused", async () => {
    const tokens = createTokenService(SECRET, 3600, clock, "notifier");
    const good = { exp: now + 60, aud: ["notifier"], iss: TOKEN_ISSUER, sid: "s-1" };
    expect(await tokens.verify(await forge(good))).toBe(user);
    expect(await tokens.verify(await forge({ ...good, exp: undefined }))).toBeNull();
    expect(await tokens.verify(await forge({ ...good, aud: ["billing"] }))).toBeNull();
    expect(await tokens.verify(await forge({ ...good, aud: undefined }))).toBeNull();
    expect(await tokens.verify(await forge({ ...good, iss: "someone-else" }))).toBeNull();
    expect(await tokens.verify(await forge({ ...good, sid: undefined }))).toBeNull();
    expect(await tokens.verify(await forge({ ...good, exp: now - 1 }))).toBeNull();
  });

  test("a token checked once is refused the second it expires, and again accepted if the clock goes back", async () => {
    let at = clock.now().getTime();
    const moving: Clock = { now: () => new Date(at) };
    const tokens = createTokenService(SECRET, 60, moving);
    const token = await tokens.issue(user);
    expect(await tokens.verify(token)).toBe(user);
    at += 59_999;
    expect(await tokens.verify(token)).toBe(user); // remembered, still before exp
    at += 1;
    expect(await tokens.verify(token)).toBeNull(); // exp <= now, as jwtVerify has it
    at -= 1;
    expect(await tokens.verify(token)).toBe(user);
  });

  test("a remembered token vouches for its own text only: the same claims signed with another key are refused", async () => {
    const tokens = createTokenService(SECRET, 3600, clock, "notifier");
    const claims = { exp: now + 60, aud: ["notifier"], iss: TOKEN_ISSUER, sid: "s-1" };
    const genuine = await forge(claims);
    const first = await tokens.verifySession(genuine);
    expect(await tokens.verifySession(genuine)).toEqual(first!);
    const [header, payload] = genuine.split(".");
    const otherKey = new TextEncoder().encode(`${SECRET}-other`);
    const forged = await new SignJWT({ sid: "s-1" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user)
      .setIssuedAt(now)
      .setExpirationTime(claims.exp)
      .setAudience(claims.aud)
      .setIssuer(TOKEN_ISSUER)
      .sign(otherKey);
    expect(forged.split(".")[1]).toBe(payload!);
    expect(await tokens.verify(forged)).toBeNull();
    expect(await tokens.verify(`${header}.${payload}.`)).toBeNull();
  });
});
