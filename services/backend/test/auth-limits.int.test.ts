// The abuse limits in front of signup and login (issue 14 rows 5, 7, 10), on PGlite: each test
// starts its own backend with small limits. Nothing here asserts a timing.
import { afterEach, describe, expect, test } from "bun:test";
import type { PasswordWork } from "../src/auth/password-work.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";

const backends: TestBackend[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
});
async function backendWith(overrides: Parameters<typeof startTestBackend>[1]) {
  const backend = await startTestBackend("pglite", overrides);
  backends.push(backend);
  return backend;
}
const email = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
const signupBody = (name: string) => ({ email: email(name), password: "correct horse battery" });

describe("signup and login limits", () => {
  test("one address may make only so many accounts an hour; then 429 with Retry-After", async () => {
    const backend = await backendWith({ signupsPerAddressPerHour: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await backend.call("POST", "/api/auth/signup", { body: signupBody("many") })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await backend.call("POST", "/api/auth/signup", { body: signupBody("many") });
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(60);
    backend.clock.advance(3_601_000);
    expect((await backend.call("POST", "/api/auth/signup", { body: signupBody("later") })).status).toBe(201);
  });

  test("one address trying a new email each time is still limited: the counter is per address too", async () => {
    const backend = await backendWith({ authAttemptsPerAddressPerMinute: 5 });
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await backend.call("POST", "/api/auth/login", {
            body: { email: email("spray"), password: "guess-number-1" },
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  test("rotating X-Forwarded-For from an untrusted caller changes nothing: the header is not believed", async () => {
    const backend = await backendWith({ authAttemptsPerAddressPerMinute: 3, trustedProxies: [] });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await backend.call("POST", "/api/auth/login", {
            body: { email: email("rotate"), password: "guess-number-1" },
            headers: { "x-forwarded-for": `203.0.113.${i}` },
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  test("one email probed from rotating addresses is limited: signup attempts per email per hour, 409 or not", async () => {
    const backend = await backendWith({ signupAttemptsPerEmailPerHour: 3, trustedProxies: ["local"] });
    const probed = signupBody("probed");
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await backend.call("POST", "/api/auth/signup", {
            body: { ...probed, email: i % 2 ? probed.email.toUpperCase() : probed.email },
            headers: { "x-forwarded-for": `192.0.2.${i}` },
          })
        ).status,
      );
    expect(statuses).toEqual([201, 409, 409, 429]);
    expect(
      (
        await backend.call("POST", "/api/auth/signup", {
          body: signupBody("other"),
          headers: { "x-forwarded-for": "192.0.2.9" },
        })
      ).status,
    ).toBe(201);
  });

  test("a flood from many addresses meets the limit for everyone together", async () => {
    // "local" is the in-process caller: trusting it makes each X-Forwarded-For a distinct client.
    const backend = await backendWith({ authAttemptsPerMinute: 4, trustedProxies: ["local"] });
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await backend.call("POST", "/api/auth/signup", {
            body: signupBody("flood"),
            headers: { "x-forwarded-for": `198.51.100.${i}` },
          })
        ).status,
      );
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  });

  test("password hashing runs a bounded number at once: a burst beyond the queue is answered 429 at once, never 500", async () => {
    const backend = await backendWith({ argon2Concurrency: 1, argon2Queue: 1 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        backend.call("POST", "/api/auth/signup", { body: signupBody("burst") }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.error.message).toContain("try again");
  });
});

describe("signup does not tell which emails have accounts by its timing", () => {
  test("an email already taken is hashed like a new one, and the answer does not repeat the address", async () => {
    const backend = await backendWith({});
    const hashed: string[] = [];
    const real: PasswordWork = backend.deps.passwords;
    backend.deps.passwords = {
      hash: (password) => (hashed.push(password), real.hash(password)),
      verify: real.verify,
    };
    const taken = signupBody("taken");
    expect((await backend.call("POST", "/api/auth/signup", { body: taken })).status).toBe(201);
    const again = await backend.call("POST", "/api/auth/signup", {
      body: { ...taken, password: "another long password" },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).not.toContain(taken.email);
    expect(hashed).toEqual(["correct horse battery", "another long password"]);
  });
});
