// The page's look on a phone (390 px) and in dark mode, in real Chromium against `npm start`; axe-core
// and the target-size check on every screen. Screenshots in .data/artifacts/site.
import { describe, expect, test } from "bun:test";
import { smallTargets } from "../scripts/testing/accessibility.ts";
import { seriousAxeViolations } from "../scripts/testing/axe.ts";
import { screenshot } from "../scripts/testing/browser.ts";
import { addTask, row, say, taskList, WAIT } from "./site-page.ts";
import { siteUnderTest } from "./site-server.ts";

// Wednesday 10 March 2027, 10:00 in Berlin, for the services and the browser alike.
const app = siteUnderTest("site-layout", { now: "2027-03-10T09:00:00Z" });

describe("the layout in Chromium", () => {
  test("on a phone a bottom bar switches chat and tasks, the bell panel fits the screen, and targets are large enough", async () => {
    const { context, page } = await app.newUser("phone", { viewport: { width: 390, height: 844 } });
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

  test("on a phone the header keeps the whole zone name in view, on one row", async () => {
    const { context, page } = await app.newUser("zone", {
      viewport: { width: 390, height: 844 },
      timezoneId: "America/Los_Angeles",
    });
    const zone = page.getByRole("button", { name: "Time zone America/Los_Angeles, change" });
    expect(await zone.textContent()).toBe("America/Los_Angeles");
    // Neither the button nor anything around it inside the header cuts its text, and it is on screen.
    const clipped = await zone.evaluate((button) => {
      const cut: string[] = [];
      for (let e: Element | null = button; e && !e.matches(".topbar"); e = e.parentElement)
        if (e.scrollWidth > e.clientWidth) cut.push(e.className || e.tagName);
      const box = button.getBoundingClientRect();
      if (box.left < 0 || box.right > innerWidth) cut.push("off screen");
      return cut;
    });
    expect(clipped).toEqual([]);
    expect((await page.locator(".topbar").boundingBox())!.height).toBeLessThanOrEqual(60);
    expect(await page.locator('[data-live-status="live"]').textContent()).toBe("Live"); // read out, if drawn as a dot
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "phone-header");
    await context.close();
  });

  test("dark mode keeps every screen readable", async () => {
    const { context, page } = await app.newUser("dark", { colorScheme: "dark" });
    await addTask(page, { title: "late thing", due_date: "2027-03-01", priority: "high", tags: ["work"] });
    await say(page, "Every Monday at 9 AM add a standup task");
    await row(page, "late thing").waitFor(WAIT);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(
      "rgb(246, 247, 249)",
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "dark-mode");
    await context.close();
  });
});
