// The task list as a person uses it, in real Chromium against `npm start`: sections and relative
// dates, complete/Undo/reopen, delete/Undo, and editing every field in place; axe-core on every
// screen. Screenshots in .data/artifacts/site.
import { describe, expect, test } from "bun:test";
import { seriousAxeViolations } from "../scripts/testing/axe.ts";
import { screenshot } from "../scripts/testing/browser.ts";
import { addTask, getTask, row, taskList, titlesIn, undoToast, WAIT } from "./site-page.ts";
import { siteUnderTest } from "./site-server.ts";

// Wednesday 10 March 2027, 10:00 in Berlin, for the services and the browser alike.
const app = siteUnderTest("site-list-editing", { now: "2027-03-10T09:00:00Z" });

describe("the task list in Chromium", () => {
  test("tasks fall into Overdue, Today, Upcoming and No date with relative dates; complete and delete each undo; a completed task reopens", async () => {
    const { context, page } = await app.newUser("list");
    await addTask(page, { title: "pay rent", due_date: "2027-03-09" });
    await addTask(page, { title: "water plants", due_at: "2027-03-10T15:00:00Z", tags: ["home"] });
    await addTask(page, { title: "dentist", due_date: "2027-03-11", priority: "high" });
    await addTask(page, { title: "book trip", due_date: "2027-03-13" });
    await addTask(page, { title: "read a book", priority: "low" });
    await row(page, "read a book").waitFor(WAIT);

    expect(await taskList(page).locator(".task-section > h3").allTextContents()).toEqual([
      "Overdue 1",
      "Today 1",
      "Upcoming 2",
      "No date 1",
    ]);
    expect(await titlesIn(page, "Upcoming")).toEqual(["dentist", "book trip"]);
    expect(await row(page, "pay rent").locator(".chip.due.overdue").textContent()).toBe(
      "Overdue · Yesterday",
    );
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
    expect(
      (await getTask(page, (await row(page, "water plants").getAttribute("data-task-id"))!)).status,
    ).toBe("pending");

    // Done tasks stay out of the way until asked for; a done one reopens from there.
    await row(page, "dentist").getByRole("checkbox", { name: "Complete dentist" }).click();
    await row(page, "dentist").waitFor({ state: "detached", ...WAIT });
    await page.getByRole("button", { name: "Show completed" }).click();
    await taskList(page)
      .getByRole("list", { name: "Completed" })
      .getByRole("article", { name: "dentist" })
      .waitFor(WAIT);
    expect(await titlesIn(page, "Completed")).toEqual(["dentist"]);
    await row(page, "dentist").getByRole("checkbox", { name: "Reopen dentist" }).click();
    await taskList(page)
      .getByRole("list", { name: "Upcoming" })
      .getByRole("article", { name: "dentist" })
      .waitFor(WAIT);
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
    const { context, page } = await app.newUser("edit", { timezoneId: "America/New_York" });
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
    expect(await mum.locator(".chip").allTextContents()).toEqual([
      "Friday 6:30 PM",
      "Reminder Friday 6:00 PM",
      "High priority",
      "#family",
      "#phone",
    ]);
    const saved = await getTask(page, id);
    expect(saved).toMatchObject({
      title: "call mum",
      description: "about the weekend",
      due_at: "2027-03-12T23:30:00.000Z",
      reminder_time: "2027-03-12T23:00:00.000Z",
      priority: "high",
      tags: ["family", "phone"],
    });

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
    await taskList(page)
      .getByRole("list", { name: "No date" })
      .getByRole("article", { name: "call mum" })
      .waitFor(WAIT);
    expect(await getTask(page, id)).toMatchObject({ due_at: null, due_date: null, reminder_time: null });

    // The schedule: a choice or a rule, previewed by the recurring service before it is saved.
    await addTask(page, { title: "water plants", due_at: "2027-03-12T23:30:00Z" });
    await row(page, "water plants").getByRole("button", { name: "Edit water plants" }).click();
    const plants = page.getByRole("form", { name: "Edit water plants" });
    await plants.getByLabel("Repeat").selectOption("custom");
    await plants.getByLabel("Rule (RRULE)").fill("FREQ=WEEKLY;BYMONTHDAY=1");
    await plants
      .getByLabel("Next occurrences")
      .getByText(/BYMONTHDAY/)
      .waitFor(WAIT);
    await plants.getByLabel("Repeat").selectOption("weekly");
    await plants
      .getByLabel("Next occurrences")
      .getByText("Next: Fri, Mar 12, 6:30 PM · Fri, Mar 19, 6:30 PM · Fri, Mar 26, 6:30 PM")
      .waitFor(WAIT);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "schedule-editor");
    await plants.getByRole("button", { name: "Save" }).click();
    await row(page, "water plants")
      .locator(".chip.schedule")
      .getByText(/every Friday at 6:30 PM/i)
      .waitFor(WAIT);
    await context.close();
  });
});
