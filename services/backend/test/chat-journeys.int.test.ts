import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chatConversation } from "./chat-conversation.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";

// The defects found in the spec's own journeys. Saturday 2026-11-28 10:00 UTC.
describe("the spec's journeys (PGlite)", () => {
  let backend: TestBackend;
  beforeAll(async () => void (backend = await startTestBackend("pglite")));
  afterAll(() => backend.close());

  const conversation = (zone = "Europe/Berlin") => chatConversation(backend, zone);

  test("'Every Friday at 2 PM, remind me to submit my weekly report' (with the comma) reminds each time", async () => {
    const { say, tasks } = await conversation();
    const res = await say("Every Friday at 2 PM, remind me to submit my weekly report");
    expect(res.reply).toBe(
      "I've set up a recurring 'submit my weekly report' task every Friday at 2 PM. I'll remind you each time.",
    );
    expect(await tasks()).toMatchObject([{ title: "submit my weekly report" }]);
  });

  test("a recurring add says its priority and tags too", async () => {
    const { say } = await conversation();
    const res = await say("every friday at 2pm remind me to submit my weekly report #work !high");
    expect(res.reply).toBe(
      "I've set up a recurring 'submit my weekly report' task every Friday at 2 PM (high priority, tag: work). I'll remind you each time.",
    );
  });

  test("after 'see all tasks instead?', a new search containing 'all' is a new search, not yes", async () => {
    const { say } = await conversation();
    await say("add buy milk");
    await say("add prepare slides #work !high");
    expect((await say("show me low priority tasks tagged garden")).reply).toEndWith(
      "Would you like to see all tasks instead?",
    );
    const res = await say("Show me all high-priority work tasks");
    expect(res.tasks?.map((t) => t.title)).toEqual(["prepare slides"]);
  });

  test("'Cancel my gym reminder' on a series stops the series and says so", async () => {
    const { say, tasks } = await conversation();
    await say("remind me to go to the gym every monday at 7am");
    const res = await say("Cancel my gym reminder");
    expect(res.reply).toBe(
      "'go to the gym' reminded you at each occurrence (every Monday at 7 AM); I've stopped the series, so there will be no more reminders.",
    );
    expect(res.actions.map((a) => a.type)).toEqual(["recurrence.cancelled"]);
    expect((await tasks())[0].recurrence_rule.active).toBe(false);
  });

  test("two tasks alike are told apart in the question, and 'the first' is the first listed", async () => {
    const { say, tasks } = await conversation();
    await say("add call mom");
    backend.clock.advance(60_000);
    await say("add call mom #family");
    backend.clock.advance(60_000);
    const question = await say("mark call mom as done");
    expect(question.reply).toBe(
      "Which one: 1. 'call mom' (no date, added today at 11 AM) or 2. 'call mom' (no date, tags: family, added today at 11:01 AM)?",
    );
    await say("the first");
    expect((await tasks()).map((t) => [t.tags.join(), t.status])).toEqual([
      ["", "completed"],
      ["family", "pending"],
    ]);
  });

  test("'stop the weekly standup' stops the weekly one when a daily standup exists too", async () => {
    const { say, tasks } = await conversation();
    await say("every day at 9am add a standup task");
    await say("every monday at 10am add a standup task");
    const res = await say("stop the weekly standup");
    expect(res.reply).toBe("I've cancelled the recurring standup task.");
    const series = (await tasks()).map((t) => [t.recurrence_rule.frequency, t.recurrence_rule.active]);
    expect(series.sort()).toEqual([
      ["daily", true],
      ["weekly", false],
    ]);
  });

  test("a new ambiguous command sent while a question is pending gets its own question", async () => {
    const { say, tasks } = await conversation();
    await say("add call mom");
    await say("add call mom tomorrow");
    await say("add pay rent");
    await say("add pay rent on monday");
    expect((await say("delete call mom")).reply).toStartWith("Which one:");
    const res = await say("delete pay rent");
    expect(res.reply).toStartWith("Which one: 'pay rent' (due Monday) or 'pay rent' (no date)?");
    await say("the second");
    expect((await tasks()).map((t) => `${t.title} ${t.due_date ?? "-"}`).sort()).toEqual([
      "call mom -",
      "call mom 2026-11-29",
      "pay rent 2026-11-30",
    ]);
  });

  test("'urgent' is the tag #urgent for a user who has that tag, and the high priority otherwise", async () => {
    const { say, tasks } = await conversation();
    await say("add renew passport, it's urgent");
    expect((await tasks())[0]).toMatchObject({ priority: "high", tags: [] });
    await say("add fix the roof #urgent");
    const listed = await say("show me urgent tasks");
    expect(listed.tasks?.map((t) => t.title)).toEqual(["fix the roof"]);
    expect(listed.reply).toStartWith("Here are your tasks tagged urgent:");
    await say("add call the plumber, it's urgent");
    expect((await tasks()).find((t) => t.title === "call the plumber")).toMatchObject({
      priority: "medium",
      tags: ["urgent"],
    });
  });
});
