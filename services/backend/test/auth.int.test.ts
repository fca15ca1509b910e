import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

describe.each(drivers)("auth on %s", (driver) => {
  let backend: TestBackend;
  beforeAll(async () => void (backend = await startTestBackend(driver, { loginAttemptsPerMinute: 5 })));
  afterAll(() => backend.close());

  test("signup returns the user with a token, and the token opens /api/me", async () => {
    const res = await backend.call("POST", "/api/auth/signup", {
      body: {
        email: " Ada@Example.com ",
        password: "analytical engine",
        name: "Ada",
        timezone: "Europe/London",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      email: "ada@example.com",
      name: "Ada",
      timezone: "Europe/London",
    });
    const me = await backend.call("GET", "/api/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body.user);
  });

  test("the time zone defaults to UTC", async () => {
    const res = await backend.call("POST", "/api/auth/signup", {
      body: { email: "utc@example.com", password: "long enough" },
    });
    expect(res.body.user.timezone).toBe("UTC");
  });

  test("an unknown time zone is a 400 that names the field", async () => {
    const res = await backend.call("POST", "/api/auth/signup", {
      body: { email: "mars@example.com", password: "long enough", timezone: "Mars/Olympus" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.message).toContain("timezone");
  });

  test("a bad email, a short password or a missing field is a 400 naming it", async () => {
    const bad = await backend.call("POST", "/api/auth/signup", {
      body: { email: "not-an-email", password: "long enough" },
    });
    expect(bad.body.error.message).toContain("email");
    const short = await backend.call("POST", "/api/auth/signup", {
      body: { email: "s@example.com", password: "short" },
    });
    expect(short.body.error.message).toContain("password");
    const missing = await backend.call("POST", "/api/auth/signup", { body: { email: "m@example.com" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("password");
  });

  test("a second signup with the same email is a 409", async () => {
    await backend.call("POST", "/api/auth/signup", {
      body: { email: "twice@example.com", password: "long enough" },
    });
    const again = await backend.call("POST", "/api/auth/signup", {
      body: { email: "TWICE@example.com", password: "long enough" },
    });
    expect(again.status).toBe(409);
  });

  test("login with the right password returns a working token; a wrong one is a 401", async () => {
    await backend.call("POST", "/api/auth/signup", {
      body: { email: "grace@example.com", password: "cobol rules" },
    });
    const ok = await backend.call("POST", "/api/auth/login", {
      body: { email: "Grace@example.com", password: "cobol rules" },
    });
    expect(ok.status).toBe(200);
    expect((await backend.call("GET", "/api/me", { token: ok.body.token })).status).toBe(200);
    const wrong = await backend.call("POST", "/api/auth/login", {
      body: { email: "grace@example.com", password: "fortran rules" },
    });
    expect(wrong.status).toBe(401);
    const nobody = await backend.call("POST", "/api/auth/login", {
      body: { email: "nobody@example.com", password: "whatever1" },
    });
    expect(nobody.status).toBe(401);
  });

  test("login is rate limited per email with a Retry-After", async () => {
    await backend.call("POST", "/api/auth/signup", {
      body: { email: "eve@example.com", password: "secret123" },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (
          await backend.call("POST", "/api/auth/login", {
            body: { email: "eve@example.com", password: `guess${i}` },
          })
        ).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await backend.call("POST", "/api/auth/login", {
      body: { email: "eve@example.com", password: "secret123" },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    backend.clock.advance(61_000);
    expect(
      (
        await backend.call("POST", "/api/auth/login", {
          body: { email: "eve@example.com", password: "secret123" },
        })
      ).status,
    ).toBe(200);
  });

  test("PATCH /api/me changes name and time zone, and rejects an unknown zone", async () => {
    const { token } = await backend.signup();
    const res = await backend.call("PATCH", "/api/me", {
      token,
      body: { name: "Lin", timezone: "Asia/Tokyo" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Lin", timezone: "Asia/Tokyo" });
    const bad = await backend.call("PATCH", "/api/me", { token, body: { timezone: "Nowhere/Else" } });
    expect(bad.status).toBe(400);
    expect((await backend.call("GET", "/api/me", { token })).body.timezone).toBe("Asia/Tokyo");
  });

  test("a missing, forged or expired token is a 401", async () => {
    expect((await backend.call("GET", "/api/tasks")).status).toBe(401);
    expect((await backend.call("GET", "/api/tasks", { token: "not.a.jwt" })).status).toBe(401);
    const { token } = await backend.signup();
    const [h, p] = token.split(".");
    expect((await backend.call("GET", "/api/me", { token: `${h}.${p}.forgedsignature` })).status).toBe(401);
    backend.clock.advance(8 * 24 * 3600 * 1000);
    const expired = await backend.call("GET", "/api/me", { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("unauthorized");
  });

  test("a signup whose insert fails logs one redacted JSON line: neither the email nor the password hash", async () => {
    // The database refuses this name, as it refused U+0000 in the assessment: the query fails.
    await backend.deps.database.db.execute(
      sql.raw("alter table users add constraint name_not_refused check (name <> 'refused by the database')"),
    );
    const email = `logged-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const before = backend.logs.length;
    const res = await backend.call("POST", "/api/auth/signup", {
      body: { email, password: "correct horse battery", name: "refused by the database" },
    });
    expect(res.status).toBe(500);
    const lines = backend.logs.slice(before);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        level: "error",
        service: "backend",
        msg: "unhandled error",
        request_id: expect.any(String),
        error: expect.objectContaining({ message: expect.stringContaining("Failed query") }),
      }),
    ]);
    const text = lines.join("\n");
    expect(text).not.toContain(email);
    expect(text).not.toContain("$argon2id");
    expect(text).not.toContain("correct horse battery");
  });

  test("a signup with U+0000 in the name leaves neither the email nor the hash in the log", async () => {
    const email = `nul-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const before = backend.logs.length;
    const res = await backend.call("POST", "/api/auth/signup", {
      body: { email, password: "correct horse battery", name: "a\u0000b" },
    });
    expect(res.status).not.toBe(201);
    const text = backend.logs.slice(before).join("\n");
    expect(text).not.toContain(email);
    expect(text).not.toContain("$argon2id");
  });

  test("logout revokes that session's token and no other: reusing it is a 401", async () => {
    const email = `twice-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const first = await backend.call("POST", "/api/auth/signup", {
      body: { email, password: "correct horse battery" },
    });
    const second = await backend.call("POST", "/api/auth/login", {
      body: { email, password: "correct horse battery" },
    });
    expect((await backend.call("POST", "/api/auth/logout", { token: first.body.token })).status).toBe(204);
    expect((await backend.call("GET", "/api/me", { token: first.body.token })).status).toBe(401);
    expect((await backend.call("POST", "/api/auth/logout", { token: first.body.token })).status).toBe(401);
    expect((await backend.call("GET", "/api/me", { token: second.body.token })).status).toBe(200);
    // The notifications the backend forwards are behind the same check (the notifier is not asked).
    expect((await backend.call("GET", "/api/notifications", { token: first.body.token })).status).toBe(401);
  });

  test("a well-signed token of a user who does not exist is a 401, like a revoked one", async () => {
    const token = await backend.deps.tokens.issue(crypto.randomUUID());
    expect((await backend.call("GET", "/api/me", { token })).status).toBe(401);
    expect((await backend.call("GET", "/api/tasks", { token })).status).toBe(401);
  });

  test("a session cookie signs nobody in: only the bearer token does, so another page's form cannot act for the user", async () => {
    const { token } = await backend.signup();
    expect(
      (await backend.call("GET", "/api/me", { headers: { cookie: `theme=dark; session=${token}` } })).status,
    ).toBe(401);
    // A form body is refused for its media type (415) before the missing bearer token is; either way it does nothing.
    const form = await backend.call("POST", "/api/tasks", {
      body: "title=forged",
      headers: { cookie: `session=${token}`, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const json = await backend.call("POST", "/api/tasks", {
      body: { title: "forged" },
      headers: { cookie: `session=${token}` },
    });
    expect(json.status).toBe(401);
    expect((await backend.call("GET", "/api/tasks", { token })).body.items).toEqual([]);
  });
});
