// The chat as a person uses it, in real Chromium against `npm start`: an outage with the message
// kept and retried, sign-out, and the history following the user to another browser.
import { describe, expect, test } from "bun:test";
import { seriousAxeViolations } from "../scripts/testing/axe.ts";
import { screenshot } from "../scripts/testing/browser.ts";
import { row, say, signIn, taskList, WAIT } from "./site-page.ts";
import { siteUnderTest } from "./site-server.ts";

// Wednesday 10 March 2027, 10:00 in Berlin, for the services and the browser alike.
const app = siteUnderTest("site-chat", { now: "2027-03-10T09:00:00Z" });

describe("the chat in Chromium", () => {
  test("when the server can't be reached the typed message is kept, said in plain words, and Retry sends it; the list retries by itself; sign-out lands on Sign in", async () => {
    const { context, page } = await app.newUser("outage");
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

  test("the conversation follows its user to another browser: signing in there shows it, and a message there continues it", async () => {
    const first = await app.newUser("history");
    await say(first.page, "add call mom tomorrow");
    await say(first.page, "show me my tasks");
    const second = await signIn(app.browser, app.site, first.email, {
      viewport: { width: 390, height: 844 },
    });
    const log = second.page.locator(".chat-log");
    await log.locator(".from-you").nth(1).waitFor(WAIT);
    expect(await log.locator(".from-you p").allTextContents()).toEqual([
      "add call mom tomorrow",
      "show me my tasks",
    ]);
    expect(await log.locator(".from-assistant p").first().textContent()).toContain("I've added 'call mom'");
    await screenshot(second.page, "chat-history-second-browser");

    await say(second.page, "add buy milk");
    const latest = await (await first.context.request.get(`${app.site}/api/conversations/latest`)).json();
    expect(latest.turns.map((turn: { message: string }) => turn.message)).toEqual([
      "add call mom tomorrow",
      "show me my tasks",
      "add buy milk",
    ]);
    await first.page.reload();
    await first.page.locator(".chat-log .from-you").nth(2).waitFor(WAIT);
    await first.context.close();
    await second.context.close();
  });
});
