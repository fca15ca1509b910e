// The assessment's CSRF attack in real Chromium: a page on another port of the same host (the same
// *site*, so SameSite=Lax sends the session cookie along) auto-submits forms at the site and at the
// backend. Nothing may change: the site checks the browser's Origin and Sec-Fetch-Site on every
// write (logout included), and the backend takes no cookie at all.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { createMemoryTransport, type Transport } from "@todo/messaging";
import { launchChromium } from "../scripts/testing/browser.ts";
import { startInProcessBackend } from "../scripts/testing/in-process-backend.ts";
import { loadConfig } from "../site/src/config.ts";
import { startSite } from "../site/src/main.ts";

const AUTH_SECRET = "cross-site-forms-secret-".padEnd(48, "x");
let dataDir: string;
let transport: Transport;
let backend: Awaited<ReturnType<typeof startInProcessBackend>>;
let site: Awaited<ReturnType<typeof startSite>>;
let attacker: ReturnType<typeof Bun.serve>;
let browser: Browser;
let siteUrl: string;
let backendUrl: string;
// What the attacker's page posted, and how each target answered (the page's iframe reports back).
let attackPage = "";

/** A page that submits one form into a hidden frame as soon as it loads. */
function autoSubmit(
  action: string,
  fields: Record<string, string>,
  enctype = "application/x-www-form-urlencoded",
): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input name='${name}' value='${value}'>`)
    .join("");
  return `<!doctype html><iframe name="sink"></iframe><form method="POST" action="${action}" enctype="${enctype}" target="sink">${inputs}</form><script>document.forms[0].submit()</script>`;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "csrf-e2e-"));
  transport = createMemoryTransport();
  [backend, browser] = await Promise.all([
    startInProcessBackend({ DATA_DIR: dataDir, AUTH_SECRET, HOST: "127.0.0.1" }, { transport }),
    launchChromium(),
  ]);
  backendUrl = backend.url.replace("localhost", "127.0.0.1");
  site = await startSite(
    loadConfig({
      DATA_DIR: dataDir,
      AUTH_SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      BACKEND_URL: backendUrl,
      STATIC_DIR: dataDir,
      SITE_CONSUMER_GROUP: "csrf-e2e",
    }),
    { transport },
  );
  siteUrl = site.url.replace("localhost", "127.0.0.1");
  attacker = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(attackPage, { headers: { "content-type": "text/html" } }),
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  attacker?.stop(true);
  await site?.stop();
  await backend?.stop();
  await transport?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A signed-in browser: the site's session cookie, set the way the page gets it. */
async function victim(): Promise<BrowserContext> {
  const context = await browser.newContext();
  const signup = await context.request.post(`${siteUrl}/api/auth/signup`, {
    data: {
      email: `victim-${crypto.randomUUID().slice(0, 8)}@example.com`,
      password: "correct horse battery",
    },
  });
  expect(signup.status()).toBe(201);
  return context;
}

async function visitAttacker(context: BrowserContext, page: string): Promise<number | undefined> {
  attackPage = page;
  const tab = await context.newPage();
  const answered = tab.waitForResponse((r) => r.request().method() === "POST", { timeout: 15_000 });
  await tab.goto(`http://127.0.0.1:${attacker.port}/`);
  const status = (await answered).status();
  await tab.close();
  return status;
}

const tasksOf = async (context: BrowserContext) =>
  (
    (await (await context.request.get(`${siteUrl}/api/tasks`)).json()) as { items: { title: string }[] }
  ).items.map((t) => t.title);

describe("forms auto-submitted by a page on another port of the same host", () => {
  test("a form posting JSON-shaped text to the site's /api/tasks is refused and creates nothing", async () => {
    const context = await victim();
    const status = await visitAttacker(
      context,
      autoSubmit(`${siteUrl}/api/tasks`, { '{"title":"forged via site","x":"': '"}' }, "text/plain"),
    );
    expect(status).toBe(403);
    expect(await tasksOf(context)).toEqual([]);
    await context.close();
  }, 60_000);

  test("a form posting to the backend directly carries the site's cookie but signs nobody in", async () => {
    const context = await victim();
    const cookies = await context.cookies(backendUrl);
    expect(cookies.map((c) => c.name)).toContain("session"); // cookies ignore ports: the browser does send it
    const status = await visitAttacker(
      context,
      autoSubmit(`${backendUrl}/api/tasks`, { title: "forged via backend" }),
    );
    expect(status).not.toBe(201);
    expect(await tasksOf(context)).toEqual([]);
    await context.close();
  }, 60_000);

  test("a form posting to the site's logout is refused and the session stays", async () => {
    const context = await victim();
    const status = await visitAttacker(context, autoSubmit(`${siteUrl}/api/auth/logout`, {}));
    expect(status).toBe(403);
    expect((await context.request.get(`${siteUrl}/api/me`)).status()).toBe(200);
    await context.close();
  }, 60_000);

  test("the site's own page still writes: same-origin requests pass", async () => {
    const context = await victim();
    const tab = await context.newPage();
    await tab.goto(`${siteUrl}/nowhere`); // any page of the site's origin
    const status = await tab.evaluate(
      async () =>
        (
          await fetch("/api/tasks", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ title: "mine" }),
          })
        ).status,
    );
    expect(status).toBe(201);
    const logout = await tab.evaluate(
      async () => (await fetch("/api/auth/logout", { method: "POST" })).status,
    );
    expect(logout).toBe(204);
    await context.close();
  }, 60_000);
});
