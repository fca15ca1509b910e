// The page with the keyboard alone, in real Chromium against `npm start`.
import { describe, expect, test } from "bun:test";
import { seriousAxeViolations } from "../scripts/testing/axe.ts";
import { screenshot } from "../scripts/testing/browser.ts";
import { addTask, row, undoToast, WAIT } from "./site-page.ts";
import { siteUnderTest } from "./site-server.ts";

// Wednesday 10 March 2027, 10:00 in Berlin, for the services and the browser alike.
const app = siteUnderTest("site-keyboard", { now: "2027-03-10T09:00:00Z" });

describe("the keyboard in Chromium", () => {
  test("keyboard alone: / focuses the chat, arrows move through tasks, Enter edits, x completes", async () => {
    const { context, page } = await app.newUser("keys");
    await addTask(page, { title: "first thing", due_date: "2027-03-10" });
    await addTask(page, { title: "second thing", due_date: "2027-03-11" });
    await row(page, "second thing").waitFor(WAIT);
    const focused = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id ?? "",
      );

    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("/");
    expect(await focused()).toBe("chat-input");
    // Tab from the message box reaches the first task's checkbox.
    for (let i = 0; i < 12 && (await focused()) !== "Complete first thing"; i++)
      await page.keyboard.press("Tab");
    expect(await focused()).toBe("Complete first thing");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-task-id"))).toBe(
      await row(page, "second thing").getAttribute("data-task-id"),
    );
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

  test("? opens a dialog listing the shortcuts, Escape closes it, and a hint by the message box says so", async () => {
    const { context, page } = await app.newUser("help");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    const hint = page.getByRole("button", { name: "Keyboard shortcuts" });
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.getAttribute("aria-keyshortcuts")).toBe("?");

    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("?");
    await dialog.waitFor(WAIT);
    expect(await dialog.getByRole("term").allTextContents()).toEqual([
      "/",
      "?",
      "↑↓",
      "Enter",
      "x",
      "Escape",
      "Enter",
      "Shift+Enter",
    ]);
    expect(await dialog.textContent()).toContain("Complete or reopen the focused task");
    expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "keyboard-shortcuts");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden", ...WAIT });

    // A question mark typed into the message box is just text.
    await page.getByLabel("Message the assistant").pressSequentially("why?");
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.getByLabel("Message the assistant").inputValue()).toBe("why?");
    await hint.click();
    await dialog.waitFor(WAIT);
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden", ...WAIT });
    await context.close();
  });
});
