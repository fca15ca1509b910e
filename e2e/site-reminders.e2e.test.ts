// Reminders as a person meets them, in real Chromium against `npm start` with the services' clock
// moved: toasts with Snooze, the system notification in the background, the bell's Open and Mark
// all read. Screenshots in .data/artifacts/site.
import { describe, expect, test } from "bun:test";
import { seriousAxeViolations } from "../scripts/testing/axe.ts";
import { screenshot } from "../scripts/testing/browser.ts";
import { addTask, row, taskList, WAIT } from "./site-page.ts";
import { siteUnderTest } from "./site-server.ts";

// Wednesday 10 March 2027, 10:00 in Berlin, for the services and the browser alike.
const app = siteUnderTest("site-reminders", { now: "2027-03-10T09:00:00Z" });

describe("reminders in Chromium", () => {
  test("Open on a notification brings back a task the filters hide or that is completed, scrolls to it and focuses it; for a deleted one it says so", async () => {
    const { context, page } = await app.newUser("open");
    const passport = await addTask(page, { title: "renew passport", reminder_time: "2027-03-10T09:02:00Z" });
    const stamps = await addTask(page, { title: "buy stamps", reminder_time: "2027-03-10T09:02:00Z" });
    await row(page, "buy stamps").waitFor(WAIT);
    await app.moveClock("2027-03-10T09:02:00Z");
    await page.getByRole("button", { name: "Notifications, 2 unread" }).waitFor(WAIT);
    expect((await context.request.post(`${app.site}/api/tasks/${stamps.id}/complete`)).status()).toBe(200);
    await page.goto(`${app.site}/?tag=work`);
    await page.getByText("No tasks match these filters.").waitFor(WAIT);
    const panel = page.locator("#notifications-panel");
    const focusLandsOn = (id: string) =>
      page.waitForFunction(
        (taskId) => document.activeElement?.getAttribute("data-task-id") === taskId,
        id,
        WAIT,
      );

    await page.getByRole("button", { name: /^Notifications/ }).click();
    await panel.getByRole("button", { name: "Open renew passport" }).click();
    await focusLandsOn(passport.id);
    expect(page.url()).not.toContain("tag=");
    await page.getByRole("button", { name: /^Notifications/ }).click();
    await panel.getByRole("button", { name: "Open buy stamps" }).click();
    await focusLandsOn(stamps.id);
    expect(
      await taskList(page)
        .getByRole("list", { name: "Completed" })
        .getByRole("article", { name: "buy stamps" })
        .isVisible(),
    ).toBe(true);
    // A task deleted since: Open says so instead of doing nothing.
    expect((await context.request.delete(`${app.site}/api/tasks/${passport.id}`)).status()).toBe(204);
    await row(page, "renew passport").waitFor({ state: "detached", ...WAIT });
    await page.getByRole("button", { name: /^Notifications/ }).click();
    await panel.getByRole("button", { name: "Open renew passport" }).click();
    await taskList(page).getByRole("status").getByText("That task was deleted.").waitFor(WAIT);
    await context.close();
  });

  // Last in the file: it moves the services' clock further.
  test("a reminder toast snoozes; in the background a system notification shows too; a notification opens its task; the task shows its reminder fired; Mark all read", async () => {
    const { context, page } = await app.newUser("remind");
    const moveTo = async (now: string) => {
      await app.moveClock(now);
      await page.clock.setFixedTime(new Date(now));
    };
    const stretch = await addTask(page, { title: "stretch", reminder_time: "2027-03-10T09:05:00Z" });
    await addTask(page, { title: "call bank", reminder_time: "2027-03-10T09:06:00Z" });
    await row(page, "call bank").waitFor(WAIT);
    expect(await row(page, "stretch").locator(".chip.reminder").textContent()).toBe(
      "Reminder Today 10:05 AM",
    );

    // The tab goes to the background, with notifications allowed: the browser's own notification
    // shows too. (Chromium headless draws none, so the page's calls to it are recorded.)
    await context.grantPermissions(["notifications"], { origin: app.site });
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
    expect(await page.evaluate(() => (window as unknown as { shownNotes: string[] }).shownNotes)).toEqual([
      `stretch: ${await toast.locator("p").first().textContent()}`,
    ]);
    await page.evaluate(() =>
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" }),
    );
    await row(page, "stretch").locator(".chip.reminder.fired").waitFor(WAIT);
    expect(await row(page, "stretch").locator(".chip.reminder").textContent()).toBe(
      "Reminded Today 10:05 AM",
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "reminder-toast-actions");
    await toast.getByRole("button", { name: "Snooze stretch for 10 min" }).click();
    await toast.waitFor({ state: "detached", ...WAIT });
    await page.waitForFunction(
      async (id) =>
        (await (await fetch(`/api/tasks/${id}`)).json()).reminder_time === "2027-03-10T09:15:00.000Z",
      stretch.id,
      WAIT,
    );
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
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-task-id"))).toBe(
      await row(page, "call bank").getAttribute("data-task-id"),
    );
    await page.getByRole("button", { name: "Notifications, 1 unread" }).click();
    await panel.getByRole("button", { name: "Mark all read" }).click();
    await page.getByRole("button", { name: "Notifications, 0 unread" }).waitFor(WAIT);
    await context.close();
  });
});
