import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { outbox } from "../src/db/schema.ts";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

// The clock stands at Saturday 2026-11-28 11:00 in Berlin (10:00 UTC).
describe.each(drivers)("chat on %s", (driver) => {
  let backend: TestBackend;
  let token: string;
  beforeAll(async () => {
    backend = await startTestBackend(driver);
    token = (await backend.signup(undefined, "Europe/Berlin")).token;
  });
  afterAll(() => backend.close());

  const say = async (message: string, conversation_id?: string, as = token) => {
    const res = await backend.call("POST", "/api/chat", {
      body: conversation_id ? { message, conversation_id } : { message },
      token: as,
    });
    expect(res.status).toBe(200);
    return res.body as {
      conversation_id: string;
      reply: string;
      tasks?: any[];
      actions: Record<string, string>[];
    };
  };
  const tasks = async (query = "", as = token) =>
    (await backend.call("GET", `/api/tasks?limit=500${query}`, { token: as })).body.items as any[];
  const byTitle = async (title: string, as = token) => (await tasks("", as)).filter((t) => t.title === title);
  const outboxCount = async () => (await backend.deps.database.db.select().from(outbox)).length;
  const freshUser = async () => (await backend.signup(undefined, "Europe/Berlin")).token;

  test("adding a high-priority task with tags creates it and confirms the details", async () => {
    const res = await say("Add a high-priority task: buy flight tickets, tags: travel, urgent");
    expect(res.reply).toBe("I've added 'buy flight tickets' (high priority, tags: travel, urgent).");
    const [task] = await byTitle("buy flight tickets");
    expect(task).toMatchObject({ priority: "high", tags: ["travel", "urgent"], status: "pending" });
    expect(res.actions).toEqual([{ type: "task.created", task_id: task.id }]);
    expect(res.tasks).toBeUndefined();
  });
  test("the US3 edits change priority and tags on the existing task", async () => {
    expect((await say("Change the priority of 'buy flight tickets' to low")).reply).toBe(
      "I've changed the priority of 'buy flight tickets' to low.",
    );
    expect((await byTitle("buy flight tickets"))[0].priority).toBe("low");
    await say("Add the tag 'expense' to 'buy flight tickets'");
    expect((await byTitle("buy flight tickets"))[0].tags).toEqual(["travel", "urgent", "expense"]);
    const removed = await say("Remove the 'urgent' tag from 'buy flight tickets'");
    const [task] = await byTitle("buy flight tickets");
    expect(task.tags).toEqual(["travel", "expense"]);
    expect(removed.actions).toEqual([{ type: "task.updated", task_id: task.id }]);
  });

  test("plain adds: defaults, #tags, lowercased tags and a due date", async () => {
    const me = await freshUser();
    await say("add call mom", undefined, me);
    await say("Add a low priority task to water the plants #home", undefined, me);
    await say("Create a task Prepare Slides with tags Work and Presentation", undefined, me);
    const due = await say("Add renew passport due next Friday", undefined, me);
    expect(due.reply).toBe("I've added 'renew passport' (due Friday).");
    const all = await tasks("&sort=created&order=asc", me);
    expect(all.map((t) => [t.title, t.priority, t.tags, t.due_date])).toEqual([
      ["call mom", "medium", [], null],
      ["water the plants", "low", ["home"], null],
      ["Prepare Slides", "medium", ["work", "presentation"], null],
      ["renew passport", "medium", [], "2026-12-04"],
    ]);
  });

  test("mark done and delete act on the task named, with a small typo forgiven", async () => {
    const me = await freshUser();
    await say("add call mom", undefined, me);
    await say("add water the plants", undefined, me);
    const done = await say("Mark call mom as done", undefined, me);
    expect(done.reply).toBe("Done: 'call mom' is marked complete.");
    const [mom] = await byTitle("call mom", me);
    expect(mom.status).toBe("completed");
    expect(done.actions).toEqual([{ type: "task.completed", task_id: mom.id }]);
    const deleted = await say("Delete the water the plnts task", undefined, me);
    expect(deleted.reply).toBe("I've deleted 'water the plants'.");
    expect(await byTitle("water the plants", me)).toEqual([]);
  });

  test("US1: a recurring standup is set up, confirmed in words, and cancelled", async () => {
    const me = await freshUser();
    const res = await say("Every Monday at 9 AM add a standup task", undefined, me);
    expect(res.reply).toStartWith("I've set up a recurring standup task every Monday at 9 AM");
    const [task] = await byTitle("standup", me);
    expect(task.recurrence_rule).toMatchObject({
      frequency: "weekly",
      weekdays: ["MO"],
      time_of_day: "09:00",
      active: true,
    });
    expect(task.due_at).toBe("2026-11-30T08:00:00.000Z");
    expect(res.actions).toEqual([{ type: "task.created", task_id: task.id, series_id: task.series_id }]);
    const stop = await say("Stop the weekly standup reminder", undefined, me);
    expect(stop.reply).toStartWith("I've cancelled the recurring standup task");
    expect(stop.actions).toEqual([
      { type: "recurrence.cancelled", task_id: task.id, series_id: task.series_id },
    ]);
    expect((await byTitle("standup", me))[0].recurrence_rule.active).toBe(false);
  });

  test("the other recurring examples make the rules they name", async () => {
    const me = await freshUser();
    const report = await say("Every Friday at 2 PM remind me to submit my weekly report", undefined, me);
    expect(report.reply).toContain("every Friday at 2 PM");
    await say("every weekday at 8:30 check email", undefined, me);
    await say("pay rent monthly on the 1st", undefined, me);
    expect((await byTitle("submit my weekly report", me))[0].recurrence_rule).toMatchObject({
      weekdays: ["FR"],
      time_of_day: "14:00",
    });
    expect((await byTitle("check email", me))[0].recurrence_rule).toMatchObject({
      weekdays: ["MO", "TU", "WE", "TH", "FR"],
      time_of_day: "08:30",
    });
    expect((await byTitle("pay rent", me))[0].recurrence_rule).toMatchObject({
      frequency: "monthly",
      month_days: [1],
    });
  });

  test("US2: a reminder on an existing task is confirmed in the user's zone, then cancelled", async () => {
    const me = await freshUser();
    await say("add dentist appointment", undefined, me);
    const res = await say("Remind me about the dentist appointment tomorrow at 9 AM", undefined, me);
    expect(res.reply).toStartWith("I'll remind you about 'dentist appointment' tomorrow at 9 AM");
    const [task] = await byTitle("dentist appointment", me);
    expect(task.reminder_time).toBe("2026-11-29T08:00:00.000Z");
    expect(res.actions).toEqual([
      { type: "reminder.scheduled", task_id: task.id, reminder_time: "2026-11-29T08:00:00.000Z" },
    ]);
    const cancel = await say("Cancel my dentist reminder", undefined, me);
    expect(cancel.reply).toBe("I've cancelled the reminder for 'dentist appointment'.");
    expect(cancel.actions).toEqual([{ type: "reminder.cancelled", task_id: task.id }]);
    expect((await byTitle("dentist appointment", me))[0].reminder_time).toBeNull();
  });

  test("remind me in 2 hours makes a new task with a reminder two hours from now", async () => {
    const me = await freshUser();
    const res = await say("remind me in 2 hours to stretch", undefined, me);
    const [task] = await byTitle("stretch", me);
    expect(task.reminder_time).toBe("2026-11-28T12:00:00.000Z");
    expect(res.reply).toBe("I've added 'stretch'. I'll remind you today at 1 PM.");
    expect(res.actions.map((a) => a.type)).toEqual(["task.created", "reminder.scheduled"]);
  });

  test("a schedule it cannot read is asked about and changes nothing", async () => {
    const me = await freshUser();
    const before = await outboxCount();
    const res = await say("every blursday do stuff", undefined, me);
    expect(res.reply).toContain("blursday");
    expect(res.actions).toEqual([]);
    expect(await tasks("", me)).toEqual([]);
    expect(await outboxCount()).toBe(before);
  });

  describe("US4 listings", () => {
    let me: string;
    beforeAll(async () => {
      me = await freshUser();
      const add = (body: object) => backend.call("POST", "/api/tasks", { body, token: me });
      await add({ title: "prepare presentation", priority: "high", tags: ["work"], due_date: "2026-11-27" });
      await add({ title: "book hotel", priority: "high", tags: ["travel"] });
      await add({
        title: "review slides",
        priority: "low",
        tags: ["work"],
        description: "for the presentation",
      });
      const { body: done } = await add({
        title: "file taxes",
        priority: "high",
        tags: ["work"],
        due_date: "2026-11-26",
      });
      await backend.call("POST", `/api/tasks/${done.id}/complete`, { token: me });
    });
    const titles = (res: { tasks?: any[] }) => (res.tasks ?? []).map((t) => t.title).sort();

    test("high-priority tasks are listed, exactly those, in the reply and in tasks", async () => {
      const res = await say("Show me all high-priority tasks", undefined, me);
      expect(titles(res)).toEqual(["book hotel", "file taxes", "prepare presentation"]);
      expect(res.reply).toStartWith("Here are your high-priority tasks:");
      for (const title of titles(res)) expect(res.reply).toContain(title);
      expect(res.actions).toEqual([]);
    });

    test("tagged, completed this week, keyword and combined filters each list exactly their tasks", async () => {
      expect(titles(await say("Show me all tasks tagged 'work'", undefined, me))).toEqual([
        "file taxes",
        "prepare presentation",
        "review slides",
      ]);
      expect(titles(await say("Show me completed tasks from this week", undefined, me))).toEqual([
        "file taxes",
      ]);
      expect(titles(await say("Find tasks about presentation", undefined, me))).toEqual([
        "prepare presentation",
        "review slides",
      ]);
      expect(
        titles(await say("Show me high-priority incomplete work tasks due this week", undefined, me)),
      ).toEqual(["prepare presentation"]);
    });

    test("an empty search says so from its filters and offers all tasks; yes lists them", async () => {
      const res = await say("Show me low priority tasks tagged garden", undefined, me);
      expect(res.reply).toBe(
        "No low-priority tasks tagged garden found. Would you like to see all tasks instead?",
      );
      expect(res.tasks).toEqual([]);
      const none = await say("show me medium priority tasks", undefined, me);
      expect(none.reply).toBe("No medium-priority tasks found. Would you like to see all tasks instead?");
      const all = await say("yes", none.conversation_id, me);
      expect(all.tasks).toHaveLength(4);
    });
  });

  test("several tasks with the title get a question and no change; the answer picks one", async () => {
    const me = await freshUser();
    await backend.call("POST", "/api/tasks", {
      body: { title: "call mom", due_date: "2026-12-04" },
      token: me,
    });
    await backend.call("POST", "/api/tasks", { body: { title: "call mom" }, token: me });
    const before = await outboxCount();
    const ask = await say("mark call mom as done", undefined, me);
    expect(ask.reply).toBe("Which one: 'call mom' (due Friday) or 'call mom' (no date)?");
    expect(ask.actions).toEqual([]);
    expect(await outboxCount()).toBe(before);
    const unclear = await say("the one due Monday", ask.conversation_id, me);
    expect(unclear.reply).toBe(
      "Sorry, I couldn't tell which. Which one: 'call mom' (due Friday) or 'call mom' (no date)?",
    );
    expect(await outboxCount()).toBe(before);
    const answer = await say("the one due Friday", ask.conversation_id, me);
    expect(answer.reply).toBe("Done: 'call mom' is marked complete.");
    const moms = await byTitle("call mom", me);
    expect(moms.find((t) => t.due_date === "2026-12-04").status).toBe("completed");
    expect(moms.find((t) => t.due_date === null).status).toBe("pending");
    // A pending task is preferred over a completed one; two pending ones are asked about again.
    await backend.call("POST", "/api/tasks", {
      body: { title: "call mom", due_date: "2026-12-01" },
      token: me,
    });
    const again = await say("delete call mom", ask.conversation_id, me);
    expect(again.reply).toBe("Which one: 'call mom' (due Tuesday) or 'call mom' (no date)?");
    expect((await say("the first one", ask.conversation_id, me)).reply).toBe("I've deleted 'call mom'.");
    expect((await byTitle("call mom", me)).map((t) => t.due_date).sort()).toEqual(
      ["2026-12-04", null].sort(),
    );
  });

  test("'it' refers to the task the previous turn touched", async () => {
    const me = await freshUser();
    const first = await say("add renew passport", undefined, me);
    const res = await say("make it high priority", first.conversation_id, me);
    expect(res.reply).toBe("I've changed the priority of 'renew passport' to high.");
    expect((await byTitle("renew passport", me))[0].priority).toBe("high");
    const done = await say("mark it as done", first.conversation_id, me);
    expect(done.actions[0]!.type).toBe("task.completed");
  });

  test("a title that matches nothing is said so and changes nothing", async () => {
    const me = await freshUser();
    await say("add call mom", undefined, me);
    const before = await outboxCount();
    const res = await say("mark walk the dog as done", undefined, me);
    expect(res.reply).toBe("I couldn't find a task called 'walk the dog'.");
    expect(res.actions).toEqual([]);
    expect(await outboxCount()).toBe(before);
  });

  test("help lists what the bot can do", async () => {
    const res = await say("help");
    expect(res.reply).toContain("remind me");
    expect(res.actions).toEqual([]);
  });

  test("a conversation's turns are kept, and only its owner can read or continue it", async () => {
    const me = await freshUser();
    const first = await say("add call mom", undefined, me);
    await say("show me my tasks", first.conversation_id, me);
    const history = await backend.call("GET", `/api/conversations/${first.conversation_id}`, { token: me });
    expect(history.status).toBe(200);
    expect(history.body.turns.map((t: any) => t.message)).toEqual(["add call mom", "show me my tasks"]);
    expect(history.body.turns[0].reply).toBe("I've added 'call mom'.");
    expect(history.body.turns[0].actions[0].type).toBe("task.created");
    const other = await freshUser();
    expect(
      (await backend.call("GET", `/api/conversations/${first.conversation_id}`, { token: other })).status,
    ).toBe(404);
    expect(
      (
        await backend.call("POST", "/api/chat", {
          body: { message: "add x", conversation_id: first.conversation_id },
          token: other,
        })
      ).status,
    ).toBe(404);
    expect((await backend.call("GET", "/api/conversations/not-a-uuid", { token: me })).status).toBe(404);
  });

  test("the latest conversation follows its user to another device: its id and last turns, oldest first", async () => {
    const me = await freshUser();
    expect(await backend.call("GET", "/api/conversations/latest", { token: me })).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
    const first = await say("add call mom", undefined, me);
    for (const message of ["show me my tasks", "add buy milk", "help"])
      await say(message, first.conversation_id, me);
    const latest = await backend.call("GET", "/api/conversations/latest?limit=2", { token: me });
    expect(latest.status).toBe(200);
    expect(latest.body.id).toBe(first.conversation_id);
    expect(latest.body.turns.map((t: any) => t.message)).toEqual(["add buy milk", "help"]);
    expect(latest.body.turns[0].undo).toBeUndefined();
    expect((await backend.call("GET", "/api/conversations/latest", { token: me })).body.turns).toHaveLength(
      4,
    );
    for (const limit of ["0", "201", "many"])
      expect(
        (await backend.call("GET", `/api/conversations/latest?limit=${limit}`, { token: me })).status,
      ).toBe(400);
    expect(
      (await backend.call("GET", "/api/conversations/latest", { token: await freshUser() })).status,
    ).toBe(404);
    expect((await backend.call("GET", "/api/conversations/latest")).status).toBe(401);
  });

  test("bad bodies are a 400 naming message, and the chat needs a signed-in user", async () => {
    for (const body of [
      {},
      { message: "" },
      { message: "x".repeat(2001) },
      { message: 5 },
      { message: "   " },
      { message: "hi", extra: 1 },
    ]) {
      const res = await backend.call("POST", "/api/chat", { body, token });
      expect(res.status).toBe(400);
      if (!("extra" in body)) expect(res.body.error.message).toContain("message");
    }
    expect((await backend.call("POST", "/api/chat", { body: { message: "help" } })).status).toBe(401);
  });
});
