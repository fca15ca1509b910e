// Real Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ensureChromium } from "../infra/chromium.ts";

export const ARTIFACTS = join(import.meta.dir, "..", "..", ".data", "artifacts", "site");

/** Launches headless Chromium (installing Debian's package on first use), with any extra command-line switches. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  // Root (CI containers) cannot use Chromium's sandbox; the pages are our own.
  return chromium.launch({
    executablePath: await ensureChromium(),
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", ...extraArgs],
  });
}

/** Saves a screenshot of the page under .data/artifacts/site/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
