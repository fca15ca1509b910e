import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chatConversation } from "./chat-conversation.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";

// "undo" in one conversation reverses the last change the chat made, through the task service.
describe("undo in chat (PGlite)", () => {
  let backend: TestBackend;
  beforeAll(async () => void (backend = await startTestBackend("pglite")));
  afterAll(() => backend.close());

  const conversation = (zone = "Europe/Berlin") => chatConversation(backend, zone);

  test("undo after adding a task deletes it again", async () => {
    const { say, tasks } = await conversation();
    await say("add buy milk tomorrow");
    const res = await say("undo");
    expect(res.reply).toBe("Undone. I've removed 'buy milk' again.");
    expect(res.actions).toEqual([{ type: "task.deleted", task_id: expect.any(String) }]);
    expect(await tasks()).toEqual([]);
  });

  test("undo after an edit puts the earlier priority, date and tags back", async () => {
    const { say, tasks } = await conversation();
    await say("add call the bank friday at 3pm #money");
    await say("make it high priority");
    expect((await say("undo")).reply).toBe(
      "Undone. 'call the bank' is back as it was (tag: money, due Friday at 3 PM).",
    );
    await say("move it to monday at 10am");
    await say("undo");
    expect(await tasks()).toMatchObject([
      { title: "call the bank", priority: "medium", tags: ["money"], due_at: "2026-12-04T14:00:00.000Z" },
    ]);
  });

  test("undo after completing reopens the task", async () => {
    const { say, tasks } = await conversation();
    await say("add water the plants");
    await say("mark it as done");
    const res = await say("undo");
    expect(res.reply).toBe("Undone. 'water the plants' is open again.");
    expect(res.actions).toEqual([{ type: "task.updated", task_id: expect.any(String) }]);
    expect(await tasks()).toMatchObject([{ status: "pending", completed_at: null }]);
  });

  test("undo after a delete brings the task back with its reminder", async () => {
    const { say, tasks } = await conversation();
    await say("remind me tomorrow at 9am to renew passport");
    const before = await tasks();
    await say("delete renew passport");
    expect(await tasks()).toEqual([]);
    const res = await say("undo");
    expect(res.reply).toStartWith("Undone. I've brought back 'renew passport'");
    expect(res.actions).toEqual([{ type: "task.created", task_id: before[0].id }]);
    expect(await tasks()).toMatchObject([
      { id: before[0].id, title: "renew passport", reminder_time: before[0].reminder_time },
    ]);
  });

  test("undo after stopping a series starts it again", async () => {
    const { say, tasks } = await conversation();
    await say("every monday at 9am add a standup task");
    await say("stop the weekly standup");
    expect((await tasks())[0].recurrence_rule.active).toBe(false);
    await say("undo");
    const [task] = await tasks();
    expect(task.recurrence_rule).toMatchObject({
      active: true,
      rrule: expect.stringContaining("FREQ=WEEKLY;BYDAY=MO"),
    });
  });

  test("undo twice reverses the last two changes, newest first, then says nothing is left", async () => {
    const { say, tasks } = await conversation();
    await say("add pay rent");
    await say("make it high priority");
    await say("undo");
    expect(await tasks()).toMatchObject([{ title: "pay rent", priority: "medium" }]);
    await say("undo");
    expect(await tasks()).toEqual([]);
    const res = await say("undo");
    expect(res).toMatchObject({
      reply: "There's nothing I changed in this conversation that I can undo.",
      actions: [],
    });
  });

  test("undo reaches every change of the conversation: ten actions are undone one by one, newest first", async () => {
    const { say, tasks } = await conversation();
    const names = [
      "call mom",
      "buy milk",
      "pay rent",
      "water plants",
      "book flights",
      "wash the car",
      "read a book",
    ];
    for (const name of names) await say(`add ${name}`);
    await say("make pay rent high priority");
    await say("mark book flights as done");
    await say("delete call mom");
    // Ten changes: seven adds, a priority, a completion, a delete.
    expect((await say("undo")).reply).toStartWith("Undone. I've brought back 'call mom'");
    expect((await say("undo")).reply).toBe("Undone. 'book flights' is open again.");
    expect((await say("undo")).reply).toStartWith("Undone. 'pay rent' is back as it was");
    for (const name of [...names].reverse())
      expect((await say("undo")).reply).toBe(`Undone. I've removed '${name}' again.`);
    expect(await tasks()).toEqual([]);
    expect((await say("undo")).reply).toBe("There's nothing I changed in this conversation that I can undo.");
  });

  test("a change older than the restore window (24 h) is no longer undone", async () => {
    const { say, tasks } = await conversation();
    await say("add renew the lease");
    backend.clock.advance(24 * 3600_000 + 60_000);
    expect((await say("undo")).reply).toBe("There's nothing I changed in this conversation that I can undo.");
    expect(await tasks()).toMatchObject([{ title: "renew the lease" }]);
  });

  test("the conversation's turns do not show what undo keeps", async () => {
    const { say, turns } = await conversation();
    await say("add pay rent");
    expect(Object.keys((await turns())[0]).sort()).toEqual(["actions", "at", "message", "reply"]);
  });
});
