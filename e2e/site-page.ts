// What the site's browser tests do as a person would: sign up, talk to the assistant, find a task.
import type { Browser, BrowserContext, Page } from "playwright-core";

export const WAIT = { timeout: 30_000 };

export interface UserOptions {
  timezoneId?: string;
  viewport?: { width: number; height: number };
  colorScheme?: "light" | "dark";
  /** The browser's clock, fixed (the services' clocks are moved with TEST_CLOCK to match). */
  now?: string;
}

export async function signUp(
  browser: Browser,
  site: string,
  name: string,
  options: UserOptions = {},
): Promise<{ context: BrowserContext; page: Page; email: string }> {
  const email = `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const { context, page } = await openPage(browser, site, options);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create your account" }).click();
  await page.locator('[data-live-status="live"]').waitFor(WAIT);
  return { context, page, email };
}

/** Signs in as someone who signed up elsewhere: another browser, or another device. */
export async function signIn(
  browser: Browser,
  site: string,
  email: string,
  options: UserOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPage(browser, site, options);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator('[data-live-status="live"]').waitFor(WAIT);
  return { context, page };
}

const PASSWORD = "correct horse battery";

async function openPage(browser: Browser, site: string, options: UserOptions) {
  const context = await browser.newContext({
    timezoneId: options.timezoneId ?? "Europe/Berlin",
    viewport: options.viewport ?? { width: 1280, height: 860 },
    locale: "en-US",
    colorScheme: options.colorScheme ?? "light",
  });
  const page = await context.newPage();
  if (options.now) await page.clock.setFixedTime(new Date(options.now));
  await page.goto(site);
  return { context, page };
}

export async function say(page: Page, message: string): Promise<void> {
  const replies = page.locator(".chat-log .from-assistant:not(.pending)");
  const before = await replies.count();
  await page.getByLabel("Message the assistant").fill(message);
  await page.getByLabel("Message the assistant").press("Enter");
  await replies.nth(before).waitFor(WAIT);
}

/** The task panel (every section of it). */
export const taskList = (page: Page) => page.locator("#tasks-panel");
/** A task's row in the panel, by its title. */
export const row = (page: Page, title: string) =>
  taskList(page).getByRole("article", { name: title, exact: true });
/** The titles in one section of the list ("Overdue", "Today", "Upcoming", "No date", "Completed"). */
export const titlesIn = (page: Page, section: string) =>
  taskList(page).getByRole("list", { name: section, exact: true }).locator(".row-title").allTextContents();

/** Creates a task through the site's API as the page's user (not through the page). */
export async function addTask(page: Page, task: Record<string, unknown>): Promise<{ id: string }> {
  const response = await page.context().request.post(new URL("/api/tasks", page.url()).href, { data: task });
  if (response.status() !== 201)
    throw new Error(`adding a task answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}
/** A task as the API has it now. */
export const getTask = async (page: Page, id: string) =>
  (await (await page.context().request.get(new URL(`/api/tasks/${id}`, page.url()).href)).json()) as Record<
    string,
    unknown
  >;
/** The toast offering Undo after a complete or a delete. */
export const undoToast = (page: Page) => page.locator(".undo-region .toast");
