// One product and one Chromium per browser-test file: `npm start` (embedded defaults, TEST_CLOCK=1)
// in a fresh data folder, started before the file's tests and stopped after them.
import { afterAll, beforeAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../scripts/testing/browser.ts";
import { client } from "../scripts/testing/http-client.ts";
import { runStart, type Started } from "../scripts/testing/run-start.ts";
import { signUp, type UserOptions } from "./site-page.ts";

export interface SiteUnderTest {
  /** The site's address (filled in before the first test). */
  site: string;
  backend: string;
  browser: Browser;
  /** Moves the services' clock (TEST_CLOCK); a page's own clock is moved with page.clock. */
  moveClock: (now: string) => Promise<void>;
  /** A new browser context signed up as a new user; its clock fixed at the file's `now` (unless `fixBrowserClock: false`) or the `now` given. */
  newUser: (
    name: string,
    options?: UserOptions,
  ) => Promise<{ context: BrowserContext; page: Page; email: string }>;
}

/**
 * Registers the file's beforeAll/afterAll and returns what its tests use.
 * @example const app = siteUnderTest("site-keys", { now: "2027-03-10T09:00:00Z" }); // then app.newUser("keys")
 */
export function siteUnderTest(
  name: string,
  options: { now?: string; fixBrowserClock?: boolean; env?: Record<string, string> } = {},
): SiteUnderTest {
  let started: Started | undefined;
  let dataDir = "";
  const app: SiteUnderTest = {
    site: "",
    backend: "",
    browser: undefined as unknown as Browser,
    moveClock: async (now) => void (await client(app.backend)("POST", "/test/clock", { now })),
    newUser: (user, userOptions = {}) =>
      signUp(app.browser, app.site, user, {
        ...(options.now && options.fixBrowserClock !== false ? { now: options.now } : {}),
        ...userOptions,
      }),
  };
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
    [started, app.browser] = await Promise.all([
      runStart({ DATA_DIR: dataDir, TEST_CLOCK: "1", ...options.env }),
      launchChromium(),
    ]);
    app.site = started.urls.site!;
    app.backend = started.urls.backend!;
    if (options.now) await app.moveClock(options.now);
  });
  afterAll(async () => {
    await app.browser?.close();
    started?.child.kill("SIGINT");
    await started?.child.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return app;
}
