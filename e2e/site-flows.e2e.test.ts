// The site in real Chromium against the product as `npm start` runs it (one process, embedded
// defaults), with TEST_CLOCK=1 so a week passes in a second. Screenshots go to .data/artifacts/site.
import { describe, expect, test } from "bun:test";
import { lowContrastText, unnamedControls } from "../scripts/testing/accessibility.ts";
import { screenshot } from "../scripts/testing/browser.ts";
import { client } from "../scripts/testing/http-client.ts";
import { row as card, say, taskList, WAIT } from "./site-page.ts";
import { siteUnderTest } from "./site-server.ts";

// Two weeks pass in the recurring test: a session that outlives them saves signing in again.
// Sunday 7 March 2027, 11:00 in Berlin: the next "Monday at 9 AM" is 8 March, 08:00 UTC.
// The browser's own clock runs free unless a test fixes it.
const app = siteUnderTest("site-e2e", {
  now: "2027-03-07T10:00:00Z",
  fixBrowserClock: false,
  env: { TOKEN_TTL_SECONDS: String(90 * 24 * 3600) },
});

describe("the site in Chromium", () => {
  test("the page runs under a Content-Security-Policy that allows its inline scripts by hash only", async () => {
    const response = await fetch(app.site);
    const policy = response.headers.get("content-security-policy") ?? "";
    await response.body?.cancel();
    expect(policy).toContain("script-src 'self' 'sha256-");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
    const context = await app.browser.newContext({ timezoneId: "Europe/Berlin", locale: "en-US" });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on(
      "console",
      (message) =>
        void (message.text().includes("Content Security Policy") && violations.push(message.text())),
    );
    await page.goto(app.site);
    await page.getByLabel("Email").fill(`csp-${crypto.randomUUID().slice(0, 8)}@example.com`);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create your account" }).click();
    await page.locator('[data-live-status="live"]').waitFor(WAIT);
    await say(page, "add buy stamps");
    await card(page, "buy stamps").waitFor(WAIT);
    // An injected inline script is refused, which is what the policy is for.
    await page.evaluate(() =>
      document.body.append(
        Object.assign(document.createElement("script"), { textContent: "window.injected = true" }),
      ),
    );
    expect(await page.evaluate(() => (window as { injected?: boolean }).injected ?? false)).toBe(false);
    expect(violations.filter((v) => !v.includes("inline script"))).toEqual([]);
    expect(violations.length).toBe(1);
    await context.close();
  });

  test("keyboard alone signs up and chats; every control is named and text meets AA contrast", async () => {
    const context = await app.browser.newContext({
      timezoneId: "Asia/Tokyo",
      viewport: { width: 1280, height: 860 },
      locale: "en-US",
    });
    const page = await context.newPage();
    await page.goto(app.site);
    await page.getByLabel("Email").waitFor(WAIT);
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Asia/Tokyo");
    expect(await unnamedControls(page)).toEqual([]);
    expect(await lowContrastText(page)).toEqual([]);
    await screenshot(page, "sign-up");
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("email");
    await page.keyboard.type(`keys-${crypto.randomUUID().slice(0, 8)}@example.com`);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("password");
    await page.keyboard.type("correct horse battery");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("name");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("signup-zone");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Create your account");
    await page.keyboard.press("Enter");
    await page.locator('[data-live-status="live"]').waitFor(WAIT);
    expect(await page.locator(".who").textContent()).toContain("Asia/Tokyo");

    // Signed in, the message box has focus; on any later visit the skip link comes first.
    expect(await focused()).toBe("chat-input");
    await page.keyboard.type("Add a high-priority task: water the plants, tags: home");
    await page.keyboard.press("Enter");
    await card(page, "water the plants").waitFor(WAIT);
    // The zone stays editable after sign-up.
    await page.getByRole("button", { name: "Time zone Asia/Tokyo, change" }).click();
    await page.getByLabel("Time zone").fill("Europe/Paris");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("button", { name: "Time zone Europe/Paris, change" }).waitFor(WAIT);
    await page.reload();
    await page.locator('[data-live-status="live"]').waitFor(WAIT);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Skip to the message box");
    await page.keyboard.press("Enter");
    expect(await focused()).toBe("chat-input");
    await page.getByRole("button", { name: /Notifications/ }).click();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await lowContrastText(page)).toEqual([]);
    await page.keyboard.press("Escape");
    expect(await page.locator("#notifications-panel").isHidden()).toBe(true);
    // The checks catch a violation when there is one.
    // (Styles set through the DOM: the page's Content-Security-Policy refuses inline style attributes.)
    await page.evaluate(() => {
      const faint = Object.assign(document.createElement("p"), { textContent: "faint" });
      Object.assign(faint.style, { color: "#bbb", background: "#fff" });
      document.body.append(faint, Object.assign(document.createElement("button"), { type: "button" }));
    });
    expect(await lowContrastText(page)).toEqual(["faint: 1.92"]);
    expect(await unnamedControls(page)).toEqual(["button"]);
    await context.close();
  });

  test("a recurring task from chat shows its rule; at the occurrence a reminder toast and the next instance arrive without a reload", async () => {
    const { context, page } = await app.newUser("recurring", {
      timezoneId: "Europe/Berlin",
      now: "2027-03-07T10:00:00Z",
    });
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    expect(await page.locator(".who").textContent()).toContain("Europe/Berlin");

    await say(page, "Every Monday at 9 AM add a standup task");
    await expect(page.locator(".chat-log .from-assistant").last().textContent()).resolves.toMatch(
      /every Monday at 9 AM/i,
    );
    const first = taskList(page).getByRole("article").filter({ hasText: "every Monday at 9 AM" });
    await first.waitFor(WAIT);
    // Sunday in Berlin: Monday's standup is tomorrow.
    expect(await first.locator(".chip.due").textContent()).toBe("Tomorrow 9:00 AM");
    const title = (await first.locator(".row-title").textContent())!;
    await screenshot(page, "recurring-task");

    await app.moveClock("2027-03-08T08:00:00Z");
    await page.clock.setFixedTime(new Date("2027-03-08T08:00:00Z"));
    await page.locator(".toast").filter({ hasText: title }).waitFor(WAIT);
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor(WAIT);
    await screenshot(page, "reminder-toast");

    // This week's standup is done, so next week's instance is no conflict (FR-006).
    await first.getByRole("checkbox", { name: `Complete ${title}` }).click();
    await first.waitFor({ state: "detached", ...WAIT });
    await app.moveClock("2027-03-15T08:00:00Z");
    await page.clock.setFixedTime(new Date("2027-03-15T08:00:00Z"));
    // Its time is now: for a few minutes it reads "Now" rather than "Overdue".
    const pending = taskList(page)
      .getByRole("list", { name: "Today" })
      .getByRole("article")
      .filter({ hasText: "Now" });
    await pending.getByRole("checkbox", { name: `Complete ${title}` }).waitFor(WAIT);
    await page.getByRole("button", { name: "Notifications, 2 unread" }).waitFor(WAIT);
    // Toasts time out (20 s unless hovered), so only the newest is sure to be there still.
    await page.locator(".toasts .toast").filter({ hasText: title }).first().waitFor(WAIT);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );

    await page.getByRole("button", { name: /Notifications/ }).click();
    await screenshot(page, "notifications");
    await page
      .getByRole("button", { name: /Mark read:/ })
      .first()
      .click();
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor(WAIT);
    await context.close();
  });

  test("a chat reply lists tasks as compact rows; filters stay folded until used, then live in the URL", async () => {
    const { context, page } = await app.newUser("tags");
    await say(page, "Add a high-priority task: buy flight tickets, tags: travel, urgent");
    const flight = card(page, "buy flight tickets");
    await flight.waitFor(WAIT);
    expect(await flight.locator(".chips").textContent()).toContain("High priority");
    expect(await flight.getByRole("list", { name: "Details of buy flight tickets" }).textContent()).toContain(
      "#travel",
    );
    await say(page, "add call mom");
    // The default priority is not printed on every task.
    expect(await card(page, "call mom").locator(".chips li").count()).toBe(0);
    await say(page, "Show me all high-priority tasks");
    const listed = page.getByRole("list", { name: "Tasks in this reply" }).last();
    await listed.getByRole("article", { name: "buy flight tickets" }).waitFor(WAIT);
    expect(await listed.getByRole("article").count()).toBe(1);
    expect(await listed.getByRole("button").count()).toBe(0); // compact: no Edit or Delete in the chat
    expect(await page.locator(".chat-log .from-assistant p").last().textContent()).not.toContain(
      "- buy flight tickets",
    );
    await screenshot(page, "chat-task-rows");

    expect(await page.getByLabel("Tags", { exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByLabel("Tags", { exact: true }).fill("travel");
    await page.getByLabel("Tags", { exact: true }).press("Enter");
    await card(page, "call mom").waitFor({ state: "detached", ...WAIT });
    expect(page.url()).toContain("tag=travel");
    await page.getByLabel("Priority", { exact: true }).selectOption("high");
    await page.waitForURL(/priority=high/, WAIT);
    expect(await taskList(page).getByRole("article").count()).toBe(1);
    await screenshot(page, "filtered-list");

    // A bookmarked filter opens as it was, with the filters shown.
    await page.reload();
    await flight.waitFor(WAIT);
    expect(await page.getByLabel("Priority", { exact: true }).inputValue()).toBe("high");
    await page.getByLabel("Priority", { exact: true }).selectOption("low");
    await page.getByText("No tasks match these filters.").waitFor(WAIT);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await card(page, "call mom").waitFor(WAIT);

    await page.getByLabel("Search").fill("mom");
    await page.getByLabel("Search").press("Enter");
    await flight.waitFor({ state: "detached", ...WAIT });
    expect(page.url()).toContain("q=mom");
    expect(await taskList(page).getByRole("article").count()).toBe(1);
    await context.close();
  });

  test("a second user in another browser never sees the first user's tasks or events", async () => {
    // Every event /events sends is recorded, to check whose they were.
    const record = () => {
      const seen: string[] = ((window as unknown as { seenEvents: string[] }).seenEvents = []);
      const Original = window.EventSource;
      window.EventSource = class extends Original {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener("message", (e) => seen.push((e as MessageEvent).data));
        }
      } as typeof EventSource;
    };
    const alice = await app.newUser("alice");
    const bob = await app.browser.newContext({
      timezoneId: "America/New_York",
      viewport: { width: 390, height: 844 },
      locale: "en-US",
    });
    await bob.addInitScript(record);
    const bobPage = await bob.newPage();
    await bobPage.goto(app.site);
    await bobPage.getByLabel("Email").fill(`bob-${crypto.randomUUID().slice(0, 8)}@example.com`);
    await bobPage.getByLabel("Password").fill("correct horse battery");
    await bobPage.getByRole("button", { name: "Create your account" }).click();
    await bobPage.locator('[data-live-status="live"]').waitFor(WAIT);

    await say(alice.page, "add alice's secret plan");
    await card(alice.page, "alice's secret plan").waitFor(WAIT);
    // Bob's own change arrives after Alice's was relayed: by then hers would have too.
    await say(bobPage, "add bob's groceries");
    await bobPage.getByRole("button", { name: "Tasks", exact: true }).click(); // a phone shows one panel at a time
    await card(bobPage, "bob's groceries").waitFor(WAIT);
    await bobPage.waitForFunction(
      () => (window as unknown as { seenEvents: string[] }).seenEvents.length > 0,
      undefined,
      WAIT,
    );
    const seen = (
      await bobPage.evaluate(() => (window as unknown as { seenEvents: string[] }).seenEvents)
    ).map((d) => JSON.parse(d).summary.title);
    expect(seen).toEqual(["bob's groceries"]);
    expect(await taskList(bobPage).getByRole("article").allTextContents()).not.toContain(
      expect.stringContaining("alice"),
    );
    await screenshot(bobPage, "phone-task-list");
    await alice.context.close();
    await bob.close();
  });

  test("after its connection is cut, the page resumes from Last-Event-ID and shows what happened meanwhile", async () => {
    const { context, page } = await app.newUser("resume");
    const eventRequests: { url: string; lastEventId?: string }[] = [];
    page.on("request", async (request) => {
      if (new URL(request.url()).pathname === "/events")
        eventRequests.push({
          url: request.url(),
          lastEventId: (await request.allHeaders())["last-event-id"],
        });
    });
    // Created outside the page: only the live stream can bring it to the list.
    await context.request.post(`${app.site}/api/tasks`, { data: { title: "before the cut" } });
    await card(page, "before the cut").waitFor(WAIT);

    await page.route("**/events*", (route) => route.abort()); // the browser cannot reconnect yet
    const cut = await client(app.site)("POST", "/test/events/disconnect");
    expect(cut.body.cut).toBeGreaterThanOrEqual(1);
    await page.locator('[data-live-status="reconnecting"]').waitFor(WAIT);
    const kept = () => metric('site_events_relayed_total{outcome="kept"}');
    const before = await kept();
    const resumedBefore = await metric('site_sse_streams_opened_total{start="resume"}');
    const resetsBefore = await metric('site_sse_streams_opened_total{start="reset"}');
    await context.request.post(`${app.site}/api/tasks`, { data: { title: "made while offline" } });
    // Wait until the site holds the missed event, then let the browser back in.
    while ((await kept()) === before) await Bun.sleep(50);
    expect(await taskList(page).getByRole("article").count()).toBe(1);
    await page.unroute("**/events*");
    await card(page, "made while offline").waitFor(WAIT);
    await page.locator('[data-live-status="live"]').waitFor(WAIT);
    const resumed = eventRequests.at(-1)!;
    expect(resumed.lastEventId ?? new URL(resumed.url).searchParams.get("last_event_id")).toBeTruthy();
    // The server found that id and replayed what followed it (not a reset and a reload).
    expect(await metric('site_sse_streams_opened_total{start="resume"}')).toBeGreaterThan(resumedBefore);
    expect(await metric('site_sse_streams_opened_total{start="reset"}')).toBe(resetsBefore);
    await context.close();
  });
});

async function metric(series: string): Promise<number> {
  const text = await (await fetch(`${app.site}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return Number(line?.split(" ")[1] ?? 0);
}
