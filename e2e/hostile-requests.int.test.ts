// Issue 14 rows 1 and 8: no single request can stall a service or make it answer 500. The backend,
// the recurring service and the site listen on real sockets (Bun.serve, as in production) on one
// in-memory transport; hostile bodies get a small answer in the {error} shape while /healthz answers.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryTransport, type Transport } from "@todo/messaging";
import { createTokenService, MAX_JSON_VALUES, systemClock } from "@todo/service-kit";
import { startInProcessBackend } from "../scripts/testing/in-process-backend.ts";
import { loadConfig as loadNotifierConfig } from "../services/notifier/src/config.ts";
import { startNotifier } from "../services/notifier/src/main.ts";
import { loadConfig as loadRecurringConfig } from "../services/recurring/src/config.ts";
import { startRecurring } from "../services/recurring/src/main.ts";
import { ensureSiteBuilt } from "../site/build/build-site.ts";
import { loadConfig as loadSiteConfig } from "../site/src/config.ts";
import { startSite } from "../site/src/main.ts";
import { sseReader } from "../site/test/sse-reader.ts";

const AUTH_SECRET = "hostile-requests-test-secret-".padEnd(48, "x");
// The assessment's body: 60 KB of nesting, under the 64 KB size limit.
const DEEP = "[".repeat(30000) + "]".repeat(30000);

let dataDir: string;
let transport: Transport;
let backend: Awaited<ReturnType<typeof startInProcessBackend>>;
let recurring: Awaited<ReturnType<typeof startRecurring>>;
let notifier: Awaited<ReturnType<typeof startNotifier>>;
let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "hostile-requests-"));
  transport = createMemoryTransport();
  await ensureSiteBuilt({ quiet: true });
  backend = await startInProcessBackend({ DATA_DIR: dataDir, AUTH_SECRET }, { transport });
  recurring = await startRecurring(loadRecurringConfig({ DATA_DIR: dataDir, AUTH_SECRET, PORT: "0" }), {
    transport,
  });
  notifier = await startNotifier(
    loadNotifierConfig({ DATA_DIR: dataDir, AUTH_SECRET, PORT: "0", BACKEND_URL: backend.url }),
    { transport },
  );
  // Open streams ask the backend about their session every second here (a minute by default).
  site = await startSite(
    loadSiteConfig({
      DATA_DIR: dataDir,
      AUTH_SECRET,
      PORT: "0",
      BACKEND_URL: backend.url,
      NOTIFIER_URL: notifier.url,
      RECURRING_URL: recurring.url,
      SITE_CONSUMER_GROUP: "hostile-requests",
      SSE_SESSION_CHECK_SECONDS: "1",
    }),
    { transport },
  );
});

afterAll(async () => {
  await site?.stop();
  await recurring?.stop();
  await notifier?.stop();
  await backend?.stop();
  await transport?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const targets = () => [
  { name: "backend signup", url: `${backend.url}/api/auth/signup`, health: `${backend.url}/healthz` },
  { name: "backend tasks, no token", url: `${backend.url}/api/tasks`, health: `${backend.url}/healthz` },
  { name: "backend chat, no token", url: `${backend.url}/api/chat`, health: `${backend.url}/healthz` },
  {
    name: "recurring preview",
    url: `${recurring.url}/v1/recurrences/preview`,
    health: `${recurring.url}/healthz`,
  },
  { name: "site proxy to signup", url: `${site.url}/api/auth/signup`, health: `${site.url}/healthz` },
  { name: "site proxy to tasks", url: `${site.url}/api/tasks`, health: `${site.url}/healthz` },
];

async function send(
  url: string,
  body: BodyInit,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: text ? (JSON.parse(text) as { error?: { code: string; message: string; field?: string } }) : null,
  };
}

describe("a hostile body never stalls a service", () => {
  test("deeply nested JSON is a small 400 naming the nesting, and /healthz answers while it is in flight", async () => {
    for (const target of targets()) {
      let badDone = false;
      const bad = send(target.url, DEEP).finally(() => void (badDone = true));
      const health = await fetch(target.health);
      // /healthz got its answer although the hostile request was sent first.
      expect({ target: target.name, health: health.status }).toEqual({ target: target.name, health: 200 });
      const answer = await bad;
      expect(badDone).toBe(true);
      expect({
        target: target.name,
        status: answer.status,
        code: answer.body?.error?.code,
        field: answer.body?.error?.field,
      }).toEqual({ target: target.name, status: 400, code: "validation_error", field: "body" });
      expect(answer.body?.error?.message).toContain("nested deeper than");
      // The answer never echoes the input back.
      expect(answer.text.length).toBeLessThan(400);
    }
  }, 60_000);

  test("a body of 30,000 values under the size and depth limits is a small 400 naming the value limit", async () => {
    // The costliest body the size and depth bounds let through (valid JSON the schema refuses, so validation describes it).
    const many = "[".repeat(31) + Array(30000).fill(0).join(",") + "]".repeat(31);
    for (const target of targets()) {
      const answer = await send(target.url, many);
      expect({
        target: target.name,
        status: answer.status,
        code: answer.body?.error?.code,
        field: answer.body?.error?.field,
      }).toEqual({ target: target.name, status: 400, code: "validation_error", field: "body" });
      expect(answer.body?.error?.message).toContain(`more than ${MAX_JSON_VALUES} values`);
      expect(answer.text.length).toBeLessThan(400);
    }
  });

  test("form and multipart bodies are refused with 415 on JSON routes", async () => {
    for (const target of targets()) {
      const form = await send(target.url, "title=x", { "content-type": "application/x-www-form-urlencoded" });
      expect({ target: target.name, status: form.status, code: form.body?.error?.code }).toEqual({
        target: target.name,
        status: 415,
        code: "unsupported_media_type",
      });
      const multipart = new FormData();
      multipart.set("title", "x");
      const parts = await fetch(target.url, { method: "POST", body: multipart });
      const partsBody = (await parts.json()) as { error: { code: string; message: string } };
      expect({ target: target.name, status: parts.status, code: partsBody.error.code }).toEqual({
        target: target.name,
        status: 415,
        code: "unsupported_media_type",
      });
      expect(partsBody.error.message).toContain("application/json");
    }
  });

  test("a body over the size limit is a 413 in the error shape, with or without a Content-Length", async () => {
    const tooBig = JSON.stringify({ title: "x".repeat(70 * 1024) });
    for (const target of targets()) {
      const declared = await send(target.url, tooBig);
      expect({ target: target.name, status: declared.status, code: declared.body?.error?.code }).toEqual({
        target: target.name,
        status: 413,
        code: "payload_too_large",
      });
      // Chunked (no Content-Length): the size is only known while reading.
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 80; i++)
            controller.enqueue(new TextEncoder().encode(i === 0 ? '{"title":"' : "x".repeat(1024)));
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        },
      });
      const chunked = await send(target.url, chunks);
      expect({ target: target.name, status: chunked.status, code: chunked.body?.error?.code }).toEqual({
        target: target.name,
        status: 413,
        code: "payload_too_large",
      });
    }
  });
});

describe("the site answers malformed requests with 4xx, never 500", () => {
  test("a session cookie that is not valid percent-encoding is no session: 401", async () => {
    for (const path of ["/api/tasks", "/api/me", "/events"]) {
      const res = await fetch(`${site.url}${path}`, { headers: { cookie: "session=%E0%A4%A" } });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      await res.body?.cancel();
    }
  });

  test("a page path holding U+0000 is a 404", async () => {
    for (const path of ["/%00", "/%00.html", "/_astro/%00"]) {
      const res = await fetch(`${site.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      await res.body?.cancel();
    }
  });
});

describe("every API answer is neither cached nor sniffed", () => {
  test("success and error answers of all services and the site's /api carry no-store and nosniff, login and signup included", async () => {
    const email = `headers-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const json = { "content-type": "application/json" };
    const answers = {
      "backend signup": await fetch(`${backend.url}/api/auth/signup`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ email, password: "long enough" }),
      }),
      "backend login": await fetch(`${backend.url}/api/auth/login`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ email, password: "long enough" }),
      }),
      "backend 401": await fetch(`${backend.url}/api/tasks`),
      "backend 413": await fetch(`${backend.url}/api/tasks`, {
        method: "POST",
        headers: json,
        body: "x".repeat(70 * 1024),
      }),
      "recurring preview": await fetch(`${recurring.url}/v1/recurrences/preview`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({
          rrule: "FREQ=DAILY",
          dtstart: "2026-01-01T09:00:00",
          timezone: "UTC",
          count: 2,
        }),
      }),
      "notifier 401": await fetch(`${notifier.url}/api/notifications`),
      "site login": await fetch(`${site.url}/api/auth/login`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ email, password: "long enough" }),
      }),
      "site 415": await fetch(`${site.url}/api/tasks`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "x",
      }),
    };
    for (const [name, response] of Object.entries(answers)) {
      await response.body?.cancel();
      expect({
        name,
        cache: response.headers.get("cache-control"),
        sniff: response.headers.get("x-content-type-options"),
      }).toEqual({ name, cache: "no-store", sniff: "nosniff" });
    }
    expect([
      answers["backend signup"].status,
      answers["backend login"].status,
      answers["site login"].status,
      answers["recurring preview"].status,
    ]).toEqual([201, 200, 200, 200]);
  });

  test("the site's pages carry a Content-Security-Policy with a hash for each inline script and no unsafe-inline", async () => {
    const response = await fetch(site.url);
    const html = await response.text();
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).not.toContain("unsafe-inline");
    const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline)
      expect(policy).toContain(`'sha256-${new Bun.CryptoHasher("sha256").update(script).digest("base64")}'`);
  });
});

describe("a signed-out session is refused everywhere, not only by the backend", () => {
  // Signed out at the backend directly (an API client, or the site replica that served the logout
  // is another one): the notifier and this site replica learn it from the backend.
  async function signedOutToken() {
    const json = { "content-type": "application/json" };
    const signup = await fetch(`${backend.url}/api/auth/signup`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({
        email: `out-${crypto.randomUUID().slice(0, 8)}@example.com`,
        password: "long enough",
      }),
    });
    const { token } = (await signup.json()) as { token: string };
    const signOut = async () =>
      expect(
        (
          await fetch(`${backend.url}/api/auth/logout`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}` },
          })
        ).status,
      ).toBe(204);
    return { token, signOut };
  }

  test("the notifier's own port refuses a signed-out token", async () => {
    const { token, signOut } = await signedOutToken();
    const list = () =>
      fetch(`${notifier.url}/api/notifications`, { headers: { authorization: `Bearer ${token}` } });
    expect((await list()).status).toBe(200);
    await signOut();
    const refused = await list();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  test("the site forwards /api/notifications to the notifier itself: the notifier's answers as the backend's forward gave them, and a signed-out cookie is refused there", async () => {
    const { token, signOut } = await signedOutToken();
    const read = `/api/notifications/${crypto.randomUUID()}/read`;
    const asked = [
      ["GET", "/api/notifications"],
      ["GET", "/api/notifications?status=delivered,missed"],
      ["GET", "/api/notifications?status=whatever"],
      ["POST", read],
    ] as const;
    const answer = async (response: Response) => ({ status: response.status, body: await response.json() });
    for (const [method, path] of asked) {
      const viaSite = await fetch(`${site.url}${path}`, { method, headers: { cookie: `session=${token}` } });
      // What the backend's forward answered: the notifier's own answer, status and body as they were.
      const fromNotifier = await fetch(`${notifier.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
      });
      expect({ path, ...(await answer(viaSite)) }).toEqual({ path, ...(await answer(fromNotifier)) });
    }
    // One hop: a site whose backend is unreachable still lists them, straight from the notifier.
    const alone = await startSite(
      loadSiteConfig({
        DATA_DIR: dataDir,
        AUTH_SECRET,
        PORT: "0",
        BACKEND_URL: "http://127.0.0.1:9",
        NOTIFIER_URL: notifier.url,
        SITE_CONSUMER_GROUP: "hostile-requests-one-hop",
      }),
      { transport },
    );
    try {
      const listed = await fetch(`${alone.url}/api/notifications`, {
        headers: { cookie: `session=${token}` },
      });
      expect(await answer(listed)).toMatchObject({ status: 200, body: { items: [], unread_count: 0 } });
    } finally {
      await alone.stop();
    }
    await signOut();
    const refused = await fetch(`${site.url}/api/notifications`, { headers: { cookie: `session=${token}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    expect(refused.headers.get("set-cookie")).toContain("session=;");
  });

  test("a correctly signed token whose user does not exist opens nothing: not the notifier, not /events", async () => {
    // Signed with the real secret (as after a database reset, or a deleted account): only the backend knows no such user.
    const token = await createTokenService(AUTH_SECRET, 3600, systemClock).issue(crypto.randomUUID());
    const listed = await fetch(`${notifier.url}/api/notifications`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.status).toBe(401);
    const opened = await fetch(`${site.url}/events?token=${token}`);
    expect(opened.status).toBe(401);
    await opened.body?.cancel();
  });

  test("the site's schedule preview refuses a signed-out session cookie", async () => {
    const { token, signOut } = await signedOutToken();
    const preview = () =>
      fetch(`${site.url}/api/recurrences/preview`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: `session=${token}` },
        body: JSON.stringify({
          rrule: "FREQ=DAILY",
          dtstart: "2026-01-01T09:00:00",
          timezone: "UTC",
          count: 1,
        }),
      });
    expect((await preview()).status).toBe(200);
    await signOut();
    expect((await preview()).status).toBe(401);
  });

  test("/events refuses a signed-out token, and a stream opened before the sign-out ends", async () => {
    const { token, signOut } = await signedOutToken();
    const opened = await fetch(`${site.url}/events?token=${token}`);
    expect(opened.status).toBe(200);
    const stream = sseReader(opened);
    await signOut();
    await expect(stream.next(15_000)).rejects.toThrow("the stream ended");
    const again = await fetch(`${site.url}/events?token=${token}`);
    expect(again.status).toBe(401);
    await again.body?.cancel();
  });
});
