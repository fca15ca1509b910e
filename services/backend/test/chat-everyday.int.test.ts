import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Temporal } from "temporal-polyfill";
import { chatConversation } from "./chat-conversation.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";

const at = (wall: string, zone: string) =>
  new Date(Temporal.PlainDateTime.from(wall).toZonedDateTime(zone).epochMilliseconds).toISOString();

// Saturday 2026-11-28 10:00 UTC unless a test moves the clock.
describe.each(["Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo"])(
  "everyday requests in %s (PGlite)",
  (zone) => {
    let backend: TestBackend;
    beforeAll(async () => void (backend = await startTestBackend("pglite")));
    afterAll(() => backend.close());

    const conversation = () => chatConversation(backend, zone);

    test("misspelt verbs and dates are read, and the reply shows how", async () => {
      const { say, tasks } = await conversation();
      expect((await say("ad buy milk tomorow")).reply).toBe(
        `I read "ad" as "add" and "tomorow" as "tomorrow".\nI've added 'buy milk' (due tomorrow).`,
      );
      expect((await say("add call mom on wendesday at 6pm")).reply).toBe(
        `I read "wendesday" as "wednesday".\nI've added 'call mom' (due Wednesday at 6 PM).`,
      );
      expect(await tasks()).toMatchObject([
        { title: "buy milk", due_date: "2026-11-29" },
        { title: "call mom", due_at: at("2026-12-02T18:00", zone) },
      ]);
    });

    test("'add a description to buy milk: 2% organic' edits the task instead of adding one", async () => {
      const { say, tasks } = await conversation();
      await say("add buy milk");
      expect((await say("add a description to buy milk: 2% organic")).reply).toBe(
        `I've set the description of 'buy milk': "2% organic".`,
      );
      expect(await tasks()).toMatchObject([{ title: "buy milk", description: "2% organic" }]);
    });

    test("'thanks!' gets a short answer, and a weather question says what the bot can do", async () => {
      const { say, tasks } = await conversation();
      expect(await say("thanks!")).toMatchObject({ reply: "You're welcome!", actions: [] });
      const weather = await say("what's the weather in Lisbon?");
      expect(weather.reply).toStartWith("I can't look that up: I only know your tasks.");
      expect(weather.tasks ?? []).toEqual([]);
      expect(await tasks()).toEqual([]);
    });

    test("'what's next?' lists the next due tasks, soonest first, and no undated ones", async () => {
      const { say } = await conversation();
      await say("add file taxes on friday");
      await say("add water plants");
      await say("add call the bank tomorrow at 9am");
      const res = await say("what's next?");
      expect(res.tasks?.map((t) => t.title)).toEqual(["call the bank", "file taxes"]);
    });

    test("'complete haircut and buy milk' completes both", async () => {
      const { say, tasks } = await conversation();
      await say("add haircut");
      await say("add buy milk");
      const res = await say("complete haircut and buy milk");
      expect(res.actions.map((a) => a.type)).toEqual(["task.completed", "task.completed"]);
      expect((await tasks()).map((t) => t.status)).toEqual(["completed", "completed"]);
    });

    test("'add milk and eggs tomorrow, and complete the report' does both, in order", async () => {
      const { say, tasks } = await conversation();
      await say("add report");
      const res = await say("add milk and eggs tomorrow, and complete the report");
      expect(res.actions.map((a) => a.type)).toEqual(["task.created", "task.completed"]);
      expect(res.reply).toContain("'milk and eggs' (due tomorrow)");
      expect(await tasks()).toMatchObject([
        { title: "report", status: "completed" },
        { title: "milk and eggs", status: "pending", due_date: "2026-11-29" },
      ]);
    });

    test("'add review and complete the report' is asked about: 'both' does two things, 'one' adds one task", async () => {
      const { say, tasks } = await conversation();
      await say("add report");
      const asked = await say("add review and complete the report");
      expect(asked).toMatchObject({
        reply:
          'Do you mean 2 requests ("add review", then "complete the report"), or one task called "review and complete the report"? Say "both" or "one".',
        actions: [],
      });
      expect(await tasks()).toHaveLength(1);
      expect((await say("both")).actions.map((a) => a.type)).toEqual(["task.created", "task.completed"]);
      await say("add review and complete the report");
      await say("one");
      expect((await tasks()).map((t) => [t.title, t.status])).toEqual([
        ["report", "completed"],
        ["review", "pending"],
        ["review and complete the report", "pending"],
      ]);
    });

    test("'delete all completed tasks' asks first, deletes only on yes, and undo brings them back", async () => {
      const { say, tasks } = await conversation();
      await say("add haircut");
      await say("mark it as done");
      await say("add buy milk");
      const question = await say("delete all completed tasks");
      expect(question).toMatchObject({
        reply: 'Delete this completed task?\n- haircut (done)\nSay "yes" to delete it, or "no" to keep it.',
        actions: [],
      });
      expect(await tasks()).toHaveLength(2);
      const done = await say("yes");
      expect(done.actions).toEqual([{ type: "task.deleted", task_id: expect.any(String) }]);
      expect((await tasks()).map((t) => t.title)).toEqual(["buy milk"]);
      await say("undo");
      expect((await tasks()).map((t) => t.title).sort()).toEqual(["buy milk", "haircut"]);
    });

    test("'delete everything tagged work' asks first with only those tasks, and deletes them on yes", async () => {
      const { say, tasks } = await conversation();
      await say("add file the expenses #work");
      await say("add buy milk #home");
      const question = await say("delete everything tagged work");
      expect(question).toMatchObject({
        reply:
          'Delete this task tagged work?\n- file the expenses (tag: work)\nSay "yes" to delete it, or "no" to keep it.',
        actions: [],
      });
      await say("yes");
      expect((await tasks()).map((t) => t.title)).toEqual(["buy milk"]);
    });

    test("'postpone call mom by a week' keeps its time of day; a task with no due date is asked about", async () => {
      const { say, tasks } = await conversation();
      await say("add call mom on wednesday at 6pm");
      expect((await say("postpone call mom by a week")).reply).toBe(
        "'call mom' is now due 9 December at 6 PM.",
      );
      expect(await tasks()).toMatchObject([{ title: "call mom", due_at: at("2026-12-09T18:00", zone) }]);
      await say("add water the plants");
      expect((await say("push water the plants back 2 days")).reply).toBe(
        "'water the plants' has no due date to move. When should it be due?",
      );
    });

    test("'what's due this week?' asked on a Sunday lists the days ahead, not the week that is ending", async () => {
      const { say } = await conversation();
      await say("add pay rent on monday");
      backend.clock.set(new Date(at("2026-11-29T12:00", zone)));
      try {
        const res = await say("what's due this week?");
        expect(res.tasks?.map((t) => t.title)).toEqual(["pay rent"]);
      } finally {
        backend.clock.set(new Date("2026-11-28T10:00:00Z"));
      }
    });
  },
);
