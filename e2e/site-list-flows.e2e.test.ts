// The task list as a person uses it, in real Chromium against `npm start` (embedded defaults,
// TEST_CLOCK=1): sections and relative dates, complete/Undo/reopen, editing in place, the keyboard,
// the phone layout, dark mode and an outage; axe-core on every screen. Screenshots in .data/artifacts/site.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { seriousAxeViolations } from "../scripts/testing/axe.ts";
import { launchChromium, screenshot } from "../scripts/testing/browser.ts";
import { client } from "../scripts/testing/http-client.ts";
import { runStart, type Started } from "../scripts/testing/run-start.ts";
import { row, say, signUp, taskList, titlesIn, WAIT, type UserOptions } from "./site-page.ts";

let started: Started;
let dataDir: string;
let browser: Browser;
let site: string;
// Wednesday 10 March 2027, 10:00 in Berlin, for the services and the browser alike.
const NOW = "2027-03-10T09:00:00Z";

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "site-list-e2e-"));
  [started, browser] = await Promise.all([runStart({ DATA_DIR: dataDir, TEST_CLOCK: "1" }), launchChromium()]);
  site = started.urls.site!;
  await client(started.urls.backend!)("POST", "/test/clock", { now: NOW });
});

afterAll(async () => {
  await browser?.close();
  started?.child.kill("SIGINT");
  await started?.child.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

const newUser = (name: string, options: UserOptions = {}) => signUp(browser, site, name, { now: NOW, ...options });
const addTask = async (page: Page, task: Record<string, unknown>) => {
  const response = await page.context().request.post(`${site}/api/tasks`, { data: task });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string };
};
const getTask = async (page: Page, id: string) => (await (await page.context().request.get(`${site}/api/tasks/${id}`)).json()) as Record<string, unknown>;
const undoToast = (page: Page) => page.locator(".undo-region .toast");

describe("the task list in Chromium", () => {
  test("tasks fall into Overdue, Today, Upcoming and No date with relative dates; complete and delete each undo; a completed task reopens", async () => {
    const { context, page } = await newUser("list");
    await addTask(page, { title: "pay rent", due_date: "2027-03-09" });
    await addTask(page, { title: "water plants", due_at: "2027-03-10T15:00:00Z", tags: ["home"] });
    await addTask(page, { title: "dentist", due_date: "2027-03-11", priority: "high" });
    await addTask(page, { title: "book trip", due_date: "2027-03-13" });
    await addTask(page, { title: "read a book", priority: "low" });
    await row(page, "read a book").waitFor(WAIT);

    expect(await taskList(page).locator(".task-section > h3").allTextContents()).toEqual(["Overdue 1", "Today 1", "Upcoming 2", "No date 1"]);
    expect(await titlesIn(page, "Upcoming")).toEqual(["dentist", "book trip"]);
    expect(await row(page, "pay rent").locator(".chip.due.overdue").textContent()).toBe("Overdue · Yesterday");
    expect(await row(page, "water plants").locator(".chips").textContent()).toBe("Today 4:00 PM#home");
    expect(await row(page, "dentist").locator(".chips").textContent()).toBe("TomorrowHigh priority");
    expect(await row(page, "book trip").locator(".chip.due").textContent()).toBe("Saturday");
    expect(await row(page, "read a book").locator(".chips").textContent()).toBe("Low priority");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "task-sections");

    await row(page, "water plants").getByRole("checkbox", { name: "Complete water plants" }).click();
    await row(page, "water plants").waitFor({ state: "detached", ...WAIT });
    expect(await undoToast(page).textContent()).toContain("Completed “water plants”");
    await undoToast(page).getByRole("button", { name: "Undo" }).click();
    await row(page, "water plants").waitFor(WAIT);
    expect(await titlesIn(page, "Today")).toEqual(["water plants"]);
    expect((await getTask(page, (await row(page, "water plants").getAttribute("data-task-id"))!)).status).toBe("pending");

    // Done tasks stay out of the way until asked for; a done one reopens from there.
    await row(page, "dentist").getByRole("checkbox", { name: "Complete dentist" }).click();
    await row(page, "dentist").waitFor({ state: "detached", ...WAIT });
    await page.getByRole("button", { name: "Show completed" }).click();
    await taskList(page).getByRole("list", { name: "Completed" }).getByRole("article", { name: "dentist" }).waitFor(WAIT);
    expect(await titlesIn(page, "Completed")).toEqual(["dentist"]);
    await row(page, "dentist").getByRole("checkbox", { name: "Reopen dentist" }).click();
    await taskList(page).getByRole("list", { name: "Upcoming" }).getByRole("article", { name: "dentist" }).waitFor(WAIT);
    expect(await taskList(page).getByRole("list", { name: "Completed" }).count()).toBe(0);

    // Delete, then Undo brings the task back where it was.
    await row(page, "book trip").hover();
    await row(page, "book trip").getByRole("button", { name: "Delete book trip" }).click();
    await row(page, "book trip").waitFor({ state: "detached", ...WAIT });
    expect(await undoToast(page).textContent()).toContain("Deleted “book trip”");
    await undoToast(page).getByRole("button", { name: "Undo" }).click();
    await row(page, "book trip").waitFor(WAIT);
    expect(await titlesIn(page, "Upcoming")).toEqual(["dentist", "book trip"]);
    await context.close();
  });

  test("every field of a task edits in place, read and written in the user's zone, the schedule with a preview of its next dates", async () => {
    const { context, page } = await newUser("edit", { timezoneId: "America/New_York" });
    const { id } = await addTask(page, { title: "call mom" });
    await row(page, "call mom").getByRole("button", { name: "Edit call mom" }).click();
    const form = page.getByRole("form", { name: "Edit call mom" });
    expect(await form.getByLabel("Title").evaluate((e) => e === document.activeElement)).toBe(true);
    await form.getByLabel("Title").fill("call mum");
    await form.getByLabel("Description").fill("about the weekend");
    await form.getByLabel("Due date").fill("2027-03-12");
    await form.getByLabel("Time").fill("18:30");
    await form.getByLabel("Reminder").fill("2027-03-12T18:00");
    await form.getByLabel("Priority").selectOption("high");
    await form.getByLabel("Tags").fill("Family, phone");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "edit-in-place");
    await form.getByRole("button", { name: "Save" }).click();

    const mum = row(page, "call mum");
    await mum.waitFor(WAIT);
    expect(await mum.locator(".row-description").textContent()).toBe("about the weekend");
    expect(await mum.locator(".chip").allTextContents()).toEqual(["Friday 6:30 PM", "Reminder Friday 6:00 PM", "High priority", "#family", "#phone"]);
    const saved = await getTask(page, id);
    expect(saved).toMatchObject({ title: "call mum", description: "about the weekend", due_at: "2027-03-12T23:30:00.000Z", reminder_time: "2027-03-12T23:00:00.000Z", priority: "high", tags: ["family", "phone"] });

    // Clearing the date and the reminder, and a bad title, through the same form.
    await mum.getByRole("button", { name: "Edit call mum" }).click();
    const again = page.getByRole("form", { name: "Edit call mum" });
    await again.getByLabel("Title").fill("   ");
    await again.getByRole("button", { name: "Save" }).click();
    await again.getByRole("alert").getByText("The title can't be empty.").waitFor(WAIT);
    await again.getByLabel("Title").fill("call mum");
    await again.getByLabel("Due date").fill("");
    await again.getByLabel("Time").fill("");
    await again.getByLabel("Reminder").fill("");
    await again.getByRole("button", { name: "Save" }).click();
    await taskList(page).getByRole("list", { name: "No date" }).getByRole("article", { name: "call mum" }).waitFor(WAIT);
    expect(await getTask(page, id)).toMatchObject({ due_at: null, due_date: null, reminder_time: null });

    // The schedule: a choice or a rule, previewed by the recurring service before it is saved.
    await addTask(page, { title: "water plants", due_at: "2027-03-12T23:30:00Z" });
    await row(page, "water plants").getByRole("button", { name: "Edit water plants" }).click();
    const plants = page.getByRole("form", { name: "Edit water plants" });
    await plants.getByLabel("Repeat").selectOption("custom");
    await plants.getByLabel("Rule (RRULE)").fill("FREQ=WEEKLY;BYMONTHDAY=1");
    await plants.getByLabel("Next occurrences").getByText(/BYMONTHDAY/).waitFor(WAIT);
    await plants.getByLabel("Repeat").selectOption("weekly");
    await plants.getByLabel("Next occurrences").getByText("Next: Fri, Mar 12, 6:30 PM · Fri, Mar 19, 6:30 PM · Fri, Mar 26, 6:30 PM").waitFor(WAIT);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "schedule-editor");
    await plants.getByRole("button", { name: "Save" }).click();
    await row(page, "water plants").locator(".chip.schedule").getByText(/every Friday at 6:30 PM/i).waitFor(WAIT);
    await context.close();
  });

  test("keyboard alone: / focuses the chat, arrows move through tasks, Enter edits, x completes", async () => {
    const { context, page } = await newUser("keys");
    await addTask(page, { title: "first thing", due_date: "2027-03-10" });
    await addTask(page, { title: "second thing", due_date: "2027-03-11" });
    await row(page, "second thing").waitFor(WAIT);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id ?? "");

    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("/");
    expect(await focused()).toBe("chat-input");
    // Tab from the message box reaches the first task's checkbox.
    for (let i = 0; i < 12 && (await focused()) !== "Complete first thing"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("Complete first thing");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-task-id"))).toBe(await row(page, "second thing").getAttribute("data-task-id"));
    await page.keyboard.press("Enter");
    expect(await focused()).toMatch(/^edit-.*-title$/);
    await page.keyboard.press("Escape");
    await row(page, "second thing").waitFor(WAIT);
    await row(page, "second thing").focus();
    await page.keyboard.press("x");
    await row(page, "second thing").waitFor({ state: "detached", ...WAIT });
    expect(await undoToast(page).textContent()).toContain("Completed “second thing”");
    await context.close();
  });

  test("on a phone a bottom bar switches chat and tasks, the bell panel fits the screen, and targets are large enough", async () => {
    const { context, page } = await newUser("phone", { viewport: { width: 390, height: 844 } });
    await say(page, "add buy milk tomorrow");
    const chat = page.locator(".chat-panel");
    expect(await chat.isVisible()).toBe(true);
    expect(await taskList(page).isVisible()).toBe(false);
    expect((await page.locator(".topbar").boundingBox())!.height).toBeLessThanOrEqual(60); // one row
    await page.getByRole("button", { name: "Tasks", exact: true }).click();
    await row(page, "buy milk").waitFor(WAIT);
    expect(await chat.isVisible()).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "phone-tasks");

    await page.getByRole("button", { name: /^Alerts/ }).click();
    const panel = (await page.locator("#notifications-panel").boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(390);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: /^Alerts/ }).click();
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole("button", { name: "Chat", exact: true }).click();
    await chat.waitFor(WAIT);
    await screenshot(page, "phone-chat");
    await context.close();
  });

  test("dark mode keeps every screen readable", async () => {
    const { context, page } = await newUser("dark", { colorScheme: "dark" });
    await addTask(page, { title: "late thing", due_date: "2027-03-01", priority: "high", tags: ["work"] });
    await say(page, "Every Monday at 9 AM add a standup task");
    await row(page, "late thing").waitFor(WAIT);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(246, 247, 249)");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "dark-mode");
    await context.close();
  });

  test("when the server can't be reached the typed message is kept, said in plain words, and Retry sends it; the list retries by itself; sign-out lands on Sign in", async () => {
    const { context, page } = await newUser("outage");
    await page.route("**/api/chat", (route) => route.abort("connectionrefused"));
    await page.getByLabel("Message the assistant").fill("add renew passport");
    await page.getByLabel("Message the assistant").press("Enter");
    const alert = page.locator(".chat-panel").getByRole("alert");
    await alert.waitFor(WAIT);
    expect(await alert.textContent()).toContain("Can't reach the server.");
    expect(await page.getByLabel("Message the assistant").inputValue()).toBe("add renew passport");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "chat-outage");
    await page.unroute("**/api/chat");
    await alert.getByRole("button", { name: "Retry" }).click();
    await row(page, "renew passport").waitFor(WAIT);
    await alert.waitFor({ state: "detached", ...WAIT });
    expect(await page.getByLabel("Message the assistant").inputValue()).toBe("");

    // The list says so too, and comes back by itself.
    await page.route("**/api/tasks?*", (route) => route.abort("connectionrefused"));
    await say(page, "add renew visa");
    const listAlert = taskList(page).getByRole("alert");
    await listAlert.waitFor(WAIT);
    expect(await listAlert.textContent()).toContain("Can't reach the server. Trying again…");
    await page.unroute("**/api/tasks?*");
    await row(page, "renew visa").waitFor(WAIT);
    await listAlert.waitFor({ state: "detached", ...WAIT });

    // Signing out lands on "Sign in": this person has an account.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor(WAIT);
    await context.close();
  });

  // Last in the file: it moves the services' clock forward.
  test("a reminder toast snoozes; in the background a system notification shows too; a notification opens its task; the task shows its reminder fired; Mark all read", async () => {
    const { context, page } = await newUser("remind");
    const moveTo = async (now: string) => {
      await client(started.urls.backend!)("POST", "/test/clock", { now });
      await page.clock.setFixedTime(new Date(now));
    };
    const stretch = await addTask(page, { title: "stretch", reminder_time: "2027-03-10T09:05:00Z" });
    await addTask(page, { title: "call bank", reminder_time: "2027-03-10T09:06:00Z" });
    await row(page, "call bank").waitFor(WAIT);
    expect(await row(page, "stretch").locator(".chip.reminder").textContent()).toBe("Reminder Today 10:05 AM");

    // The tab goes to the background, with notifications allowed: the browser's own notification
    // shows too. (Chromium headless draws none, so the page's calls to it are recorded.)
    await context.grantPermissions(["notifications"], { origin: site });
    await page.evaluate(() => {
      const shown: string[] = ((window as unknown as { shownNotes: string[] }).shownNotes = []);
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      const Original = window.Notification;
      window.Notification = class extends Original {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(`${title}: ${options?.body}`);
        }
      } as typeof Notification;
    });
    await moveTo("2027-03-10T09:05:00Z");
    const toast = page.getByRole("group", { name: "Reminder: stretch" });
    await toast.waitFor(WAIT);
    expect(await page.evaluate(() => (window as unknown as { shownNotes: string[] }).shownNotes)).toEqual([`stretch: ${await toast.locator("p").first().textContent()}`]);
    await page.evaluate(() => Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" }));
    await row(page, "stretch").locator(".chip.reminder.fired").waitFor(WAIT);
    expect(await row(page, "stretch").locator(".chip.reminder").textContent()).toBe("Reminded Today 10:05 AM");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "reminder-toast-actions");
    await toast.getByRole("button", { name: "Snooze stretch for 10 min" }).click();
    await toast.waitFor({ state: "detached", ...WAIT });
    await page.waitForFunction(async (id) => (await (await fetch(`/api/tasks/${id}`)).json()).reminder_time === "2027-03-10T09:15:00.000Z", stretch.id, WAIT);
    await row(page, "stretch").getByText("Reminder Today 10:15 AM").waitFor(WAIT);

    // The snoozed reminder comes back; the other one fired meanwhile.
    await moveTo("2027-03-10T09:15:00Z");
    await toast.waitFor(WAIT);
    await page.getByRole("button", { name: "Notifications, 2 unread" }).waitFor(WAIT);
    await page.getByRole("button", { name: "Notifications, 2 unread" }).click();
    const panel = page.locator("#notifications-panel");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "notifications");
    await panel.getByRole("button", { name: "Open call bank" }).first().click();
    expect(await panel.isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-task-id"))).toBe(await row(page, "call bank").getAttribute("data-task-id"));
    await page.getByRole("button", { name: "Notifications, 1 unread" }).click();
    await panel.getByRole("button", { name: "Mark all read" }).click();
    await page.getByRole("button", { name: "Notifications, 0 unread" }).waitFor(WAIT);
    await context.close();
  });
});

// Visible controls under 24 × 24 CSS px (WCAG 2.2 target size, minimum), as "name: w×h".
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea"))
      .filter((e) => e.checkVisibility())
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.right > 0) // the skip link waits off screen until focused
      .filter(({ r }) => r.width < 24 || r.height < 24)
      .map(({ e, r }) => `${e.getAttribute("aria-label") ?? e.textContent}: ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}
