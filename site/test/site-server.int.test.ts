// The site server in-process, in front of the real backend (PGlite) on one in-memory transport,
// as `npm start` wires them: the cookie session, the proxy, and `/events`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryTransport, type Transport } from "@todo/messaging";
import { startInProcessBackend } from "../../scripts/testing/in-process-backend.ts";
import { ensureSiteBuilt } from "../build/build-site.ts";
import { loadConfig } from "../src/config.ts";
import { startSite } from "../src/main.ts";
import { sseReader } from "./sse-reader.ts";

const AUTH_SECRET = "site-int-test-secret-".padEnd(48, "x");
let dataDir: string;
let transport: Transport;
let backend: Awaited<ReturnType<typeof startInProcessBackend>>;
let site: Awaited<ReturnType<typeof startSite>>;
const SITE = "http://site.test";

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "site-int-"));
  transport = createMemoryTransport();
  await ensureSiteBuilt({ quiet: true });
  // The backend trusts the site (and, here, the "ingress": both on loopback), as in the cluster.
  backend = await startInProcessBackend(
    { DATA_DIR: dataDir, AUTH_SECRET, TRUSTED_PROXIES: "127.0.0.1,::1" },
    { transport },
  );
  site = await startSite(
    loadConfig({
      DATA_DIR: dataDir,
      AUTH_SECRET,
      PORT: "0",
      BACKEND_URL: backend.url,
      RECURRING_URL: "http://127.0.0.1:9",
      SITE_CONSUMER_GROUP: "site-int-test",
    }),
    { transport },
  );
});

afterAll(async () => {
  await site?.stop();
  await backend?.stop();
  await transport?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  const request = new Request(`${SITE}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
      host: "site.test",
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await site.handle(request);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function signUp(name: string) {
  const email = `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const response = await call("POST", "/api/auth/signup", {
    email,
    password: "long enough",
    timezone: "Europe/Berlin",
  });
  const setCookie = response.headers.get("set-cookie") ?? "";
  return {
    email,
    response,
    setCookie,
    user: response.body.user as { id: string },
    cookie: setCookie.split(";")[0]!,
  };
}

const openEvents = async (cookie: string, headers: Record<string, string> = {}, query = "") => {
  const response = await site.handle(
    new Request(`${SITE}/events${query}`, { headers: { cookie, ...headers } }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  return sseReader(response);
};

async function metric(series: string): Promise<number> {
  const text = await (await site.handle(new Request(`${SITE}/metrics`))).text();
  return Number(
    text
      .split("\n")
      .find((l) => l.startsWith(`${series} `))
      ?.split(" ")[1] ?? 0,
  );
}

describe("the session cookie", () => {
  test("sign-up sets an httpOnly SameSite=Lax cookie and the body the page reads has no token", async () => {
    const { response, setCookie } = await signUp("cookie");
    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual(["user"]);
    expect(setCookie).toMatch(/^session=[\w.-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(Number(/Max-Age=(\d+)/.exec(setCookie)![1])).toBeGreaterThan(3600);
  });

  test("the cookie alone signs the page in to the API; without it the API answers 401", async () => {
    const { cookie, user } = await signUp("me");
    expect((await call("GET", "/api/me", undefined, cookie)).body.id).toBe(user.id);
    expect((await call("GET", "/api/me")).status).toBe(401);
    const created = await call("POST", "/api/tasks", { title: "through the proxy", tags: ["site"] }, cookie);
    expect(created.status).toBe(201);
    expect(
      (await call("GET", "/api/tasks?tag=site", undefined, cookie)).body.items.map(
        (t: { title: string }) => t.title,
      ),
    ).toEqual(["through the proxy"]);
  });

  test("login sets a new cookie without a token in the body; logout clears it", async () => {
    const { email } = await signUp("login");
    const login = await call("POST", "/api/auth/login", { email, password: "long enough" });
    expect(login.status).toBe(200);
    expect(login.body.token).toBeUndefined();
    expect(login.headers.get("set-cookie")).toStartWith("session=");
    const logout = await call("POST", "/api/auth/logout");
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toBe("session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  });

  test("after logout a copy of the old cookie signs nobody in: the session is revoked, not only forgotten", async () => {
    const { cookie } = await signUp("revoked");
    expect((await call("GET", "/api/me", undefined, cookie)).status).toBe(200);
    expect((await call("POST", "/api/auth/logout", undefined, cookie)).status).toBe(204);
    expect((await call("GET", "/api/me", undefined, cookie)).status).toBe(401);
    expect((await call("POST", "/api/tasks", { title: "after logout" }, cookie)).status).toBe(401);
  });

  test("signed out elsewhere: the first request the backend refuses through this site ends that session's streams, not the next check", async () => {
    const { cookie } = await signUp("out-elsewhere");
    const token = decodeURIComponent(cookie.slice("session=".length));
    const stream = await openEvents(cookie);
    // An API client (or another site replica) signs the session out at the backend itself.
    const logout = await fetch(`${backend.url}/api/auth/logout`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect((await call("GET", "/api/tasks", undefined, cookie)).status).toBe(401);
    await expect(stream.next(5_000)).rejects.toThrow("the stream ended");
  });

  test("logout ends that session's live streams, and only that session's", async () => {
    const { cookie, email } = await signUp("streams-out");
    const other = await call("POST", "/api/auth/login", { email, password: "long enough" });
    const otherCookie = other.headers.get("set-cookie")!.split(";")[0]!;
    const [mine, theirs] = [await openEvents(cookie), await openEvents(otherCookie)];
    expect((await call("POST", "/api/auth/logout", undefined, cookie)).status).toBe(204);
    await expect(mine.next(5_000)).rejects.toThrow("the stream ended");
    await call("POST", "/api/tasks", { title: "other device" }, otherCookie);
    expect(JSON.parse((await theirs.next()).data).summary.title).toBe("other device");
    await theirs.close();
  });

  test("a stale cookie is answered with 401 and cleared", async () => {
    const stale = await call("GET", "/api/me", undefined, "session=not.a.token");
    expect(stale.status).toBe(401);
    expect(stale.headers.get("set-cookie")).toContain("Max-Age=0");
  });

  test("a write from another origin is refused before it reaches the backend", async () => {
    const { cookie } = await signUp("csrf");
    const forged = await call("POST", "/api/tasks", { title: "forged" }, cookie, {
      origin: "https://evil.example",
    });
    expect(forged.status).toBe(403);
    expect((await call("GET", "/api/tasks", undefined, cookie)).body.items).toEqual([]);
  });

  test("a write the browser marks as from another origin of the same site is refused, logout included", async () => {
    const { cookie } = await signUp("same-site");
    const sibling = { origin: "http://site.test:4321", "sec-fetch-site": "same-site" };
    expect(
      (await call("POST", "/api/tasks", { title: "forged" }, cookie, { "sec-fetch-site": "same-site" }))
        .status,
    ).toBe(403);
    expect(
      (await call("POST", "/api/tasks", { title: "forged" }, cookie, { "sec-fetch-site": "cross-site" }))
        .status,
    ).toBe(403);
    const logout = await call("POST", "/api/auth/logout", undefined, cookie, sibling);
    expect(logout.status).toBe(403);
    expect(logout.headers.get("set-cookie")).toBeNull();
    expect((await call("GET", "/api/me", undefined, cookie)).status).toBe(200);
    const own = await call("POST", "/api/tasks", { title: "mine" }, cookie, {
      origin: "http://site.test",
      "sec-fetch-site": "same-origin",
    });
    expect(own.status).toBe(201);
  });
});

describe("the /api proxy", () => {
  test("forwards the body's bytes as sent: a number JSON cannot hold is the backend's 400, not a null that clears the field", async () => {
    const { cookie } = await signUp("raw-body");
    // Parsed and re-serialised, 1e400 became Infinity and then null: "no due date", accepted.
    const raw = '{"title":"huge due date","due_date":1e400}';
    const direct = await fetch(`${backend.url}/api/tasks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${(await backendSignUp()).token}`,
      },
      body: raw,
    });
    expect(direct.status).toBe(400);
    const response = await site.handle(
      new Request(`${SITE}/api/tasks`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, host: "site.test" },
        body: raw,
      }),
    );
    const body = (await response.json()) as { error: { code: string; field?: string } };
    expect({ status: response.status, code: body.error?.code, field: body.error?.field }).toEqual({
      status: 400,
      code: "validation_error",
      field: "due_date",
    });
    expect((await call("GET", "/api/tasks", undefined, cookie)).body.items).toEqual([]);
  });
});

describe("the login limit behind the ingress and the site", () => {
  test("one browser's wrong passwords lock out that browser only: the site forwards the client's address", async () => {
    const { email } = await signUp("typos");
    // Over real HTTP, as the ingress calls the site: each request carries the browser's address.
    const login = (password: string, browser: string) =>
      fetch(`${site.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": browser },
        body: JSON.stringify({ email, password }),
      });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await login(`wrong password ${i}`, "198.51.100.10")).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await login("long enough", "198.51.100.20")).status).toBe(200);
  });
});

describe("/events", () => {
  test("a user may hold at most SSE_MAX_STREAMS_PER_USER streams: the next one closes their oldest", async () => {
    const { cookie } = await signUp("streams");
    const streams = [];
    for (let i = 0; i < 6; i++) streams.push(await openEvents(cookie));
    await expect(streams[0]!.next(5_000)).rejects.toThrow("the stream ended");
    await call("POST", "/api/tasks", { title: "still live" }, cookie);
    expect(JSON.parse((await streams[5]!.next()).data).summary.title).toBe("still live");
    for (const stream of streams) await stream.close();
  });

  test("needs a session: the cookie or ?token=, never a forged one", async () => {
    expect((await site.handle(new Request(`${SITE}/events`))).status).toBe(401);
    expect((await site.handle(new Request(`${SITE}/events?token=forged`))).status).toBe(401);
    const { token } = await backendSignUp();
    const stream = await openEvents("", {}, `?token=${token}`);
    stream.close();
  });

  test("each user gets only their own task-updates", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const [aliceEvents, bobEvents] = await Promise.all([openEvents(alice.cookie), openEvents(bob.cookie)]);
    await call("POST", "/api/tasks", { title: "alice's task" }, alice.cookie);
    const first = JSON.parse((await aliceEvents.next()).data);
    expect(first).toMatchObject({
      user_id: alice.user.id,
      change_type: "created",
      summary: { title: "alice's task" },
    });
    // Bob's own change comes after Alice's was relayed: had hers reached him, it would come first.
    await call("POST", "/api/tasks", { title: "bob's task" }, bob.cookie);
    const bobFirst = await bobEvents.next();
    expect(JSON.parse(bobFirst.data)).toMatchObject({
      user_id: bob.user.id,
      summary: { title: "bob's task" },
    });
    expect(bobFirst.id).toBe(JSON.parse(bobFirst.data).event_id);
    aliceEvents.close();
    bobEvents.close();
  });

  test("a stream reopened with Last-Event-ID gets exactly what it missed, in order; an unknown id gets reset", async () => {
    const carol = await signUp("carol");
    const live = await openEvents(carol.cookie);
    await call("POST", "/api/tasks", { title: "one" }, carol.cookie);
    const one = await live.next();
    live.close();
    const kept = await metric('site_events_relayed_total{outcome="kept"}');
    await call("POST", "/api/tasks", { title: "two" }, carol.cookie);
    await call("POST", "/api/tasks", { title: "three" }, carol.cookie);
    while ((await metric('site_events_relayed_total{outcome="kept"}')) < kept + 2) await Bun.sleep(20);

    const resumed = await openEvents(carol.cookie, { "last-event-id": one.id! });
    const titles = [
      JSON.parse((await resumed.next()).data).summary.title,
      JSON.parse((await resumed.next()).data).summary.title,
    ];
    expect(titles).toEqual(["two", "three"]);
    resumed.close();
    const byQuery = await openEvents(carol.cookie, {}, `?last_event_id=${one.id}`);
    expect(JSON.parse((await byQuery.next()).data).summary.title).toBe("two");
    byQuery.close();
    const unknown = await openEvents(carol.cookie, { "last-event-id": crypto.randomUUID() });
    expect((await unknown.next()).event).toBe("reset");
    unknown.close();
  });
});

describe("pages and platform routes", () => {
  test("serves the built page, refuses paths outside dist, and reports readiness", async () => {
    const page = await site.handle(new Request(`${SITE}/`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Chat todo</title>");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect((await site.handle(new Request(`${SITE}/%2e%2e/package.json`))).status).toBe(404);
    expect((await site.handle(new Request(`${SITE}/readyz`))).status).toBe(200);
  });

  test("an address with no page answers a 404 page the browser shows, not a file it downloads", async () => {
    const missing = await site.handle(new Request(`${SITE}/nowhere`));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await missing.text()).toContain('<a href="/">Back to your tasks</a>');
  });
});

async function backendSignUp() {
  const response = await fetch(`${backend.url}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: `direct-${crypto.randomUUID().slice(0, 8)}@example.com`,
      password: "long enough",
    }),
  });
  return (await response.json()) as { token: string };
}

describe("the schedule preview route", () => {
  test("a signed-out request is refused, and an unreachable recurring service is a 502 that says so", async () => {
    const anonymous = await call("POST", "/api/recurrences/preview", {
      rrule: "FREQ=DAILY",
      dtstart: "2027-03-10T09:00:00",
      timezone: "Europe/Berlin",
    });
    expect(anonymous.status).toBe(401);
    const { cookie } = await signUp("preview");
    // This test starts no recurring service: RECURRING_URL points at a closed port.
    const unreachable = await call(
      "POST",
      "/api/recurrences/preview",
      { rrule: "FREQ=DAILY", dtstart: "2027-03-10T09:00:00", timezone: "Europe/Berlin" },
      cookie,
    );
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.error.message).toContain("schedule preview is unavailable");
  });
});
