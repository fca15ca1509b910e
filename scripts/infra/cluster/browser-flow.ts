// The site's main flow in real Chromium against the cluster, through the ingress over HTTPS, in real
// time (no test clock here): sign up, chat a daily recurring task for the next whole minute, see it in
// the live list, and get its reminder as a toast and in the bell without reloading the page.
import type { Browser, Page } from "playwright-core";
import { launchChromium, screenshot } from "../../testing/browser.ts";

const WAIT = { timeout: 60_000 };
const ZONE = "Europe/Berlin";

/** "HH:MM" in the zone, of the first whole minute at least `leadSeconds` ahead. */
export function nextMinute(now: Date, leadSeconds: number, timeZone = ZONE): { at: Date; hhmm: string } {
  const at = new Date(Math.ceil((now.getTime() + leadSeconds * 1000) / 60_000) * 60_000);
  const hhmm = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return { at, hhmm };
}

async function say(page: Page, message: string): Promise<void> {
  const replies = page.locator(".chat-log .from-assistant:not(.pending)");
  const before = await replies.count();
  await page.getByLabel("Message the assistant").fill(message);
  await page.getByLabel("Message the assistant").press("Enter");
  await replies.nth(before).waitFor(WAIT);
}

export interface FrontDoor {
  /** The site's address, https://todo.local.test through the ingress. */
  url: string;
  /** Chromium switches that reach it: the name mapped to the node, and the issuing CA's key accepted. */
  chromiumArgs: string[];
}

export async function recurringReminderInBrowser(
  site: FrontDoor,
): Promise<{ reply: string; title: string; issuer: string }> {
  const browser: Browser = await launchChromium(site.chromiumArgs);
  try {
    const context = await browser.newContext({
      timezoneId: ZONE,
      viewport: { width: 1280, height: 860 },
      locale: "en-US",
    });
    const page = await context.newPage();
    const first = await page.goto(site.url);
    const issuer = (await first?.securityDetails())?.issuer ?? "no TLS";
    await page.getByLabel("Email").fill(`cluster-browser-${crypto.randomUUID().slice(0, 8)}@example.com`);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create your account" }).click();
    await page.locator('[data-live-status="live"]').waitFor(WAIT);
    const { hhmm } = nextMinute(new Date(), 40);
    await say(page, `every day at ${hhmm} remind me to stretch`);
    const reply = (await page.locator(".chat-log .from-assistant").last().textContent()) ?? "";
    // The task list as the site draws it now: one article per task in #tasks-panel, its title in .row-title.
    const card = page.locator("#tasks-panel").getByRole("article").filter({ hasText: "stretch" }).first();
    await card.waitFor(WAIT);
    const title = (await card.locator(".row-title").textContent()) ?? "";
    await page.locator(".toast").filter({ hasText: title }).waitFor({ timeout: 150_000 });
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor(WAIT);
    await screenshot(page, "cluster-reminder-toast");
    await context.close();
    return { reply, title, issuer };
  } finally {
    await browser.close();
  }
}
