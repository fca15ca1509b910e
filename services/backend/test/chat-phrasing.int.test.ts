import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestBackend, type TestBackend } from "./harness.ts";

// Phrasings whose reading depends on the user's tasks or ends in a question, through POST /api/chat.
describe("chat phrasing through the API (PGlite)", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend("pglite");
  });
  afterAll(() => backend.close());

  const session = async (zone = "Europe/Berlin") => {
    const { token } = await backend.signup(undefined, zone);
    const say = async (message: string) => {
      const res = await backend.call("POST", "/api/chat", { body: { message }, token });
      expect(res.status).toBe(200);
      return res.body as { conversation_id: string; reply: string; actions: unknown[] };
    };
    const titles = async () => ((await backend.call("GET", "/api/tasks?sort=created&order=asc", { token })).body.items as { title: string }[]).map((t) => t.title);
    return { say, titles };
  };

  test("'rename X to Y' with a 'to' inside X renames the task whose title X is", async () => {
    const { say, titles } = await session();
    await say("add go to gym");
    await say("add trip to Paris");
    expect((await say("rename go to gym to gym session")).reply).toBe("I've renamed 'go to gym' to 'gym session'.");
    expect((await say("rename trip to Paris to trip to Rome")).reply).toBe("I've renamed 'trip to Paris' to 'trip to Rome'.");
    expect(await titles()).toEqual(["gym session", "trip to Rome"]);
  });

  test("'every second Tuesday' is asked about and nothing is created", async () => {
    const { say, titles } = await session();
    const res = await say("every second Tuesday review the budget");
    expect(res).toEqual({ conversation_id: expect.any(String), reply: "Do you mean the second Tuesday of every month, or every other Tuesday (every 2 weeks)?", actions: [] });
    expect(await titles()).toEqual([]);
    await say("every second Tuesday of the month review the budget");
    expect(await titles()).toEqual(["review the budget"]);
  });

  test("a weekday in a title stays in it, and the due date is the one said with 'due'", async () => {
    const { say } = await session();
    expect((await say("add Monday standup notes due Tuesday")).reply).toBe("I've added 'Monday standup notes' (due Tuesday).");
  });

  test("'every morning at 6' is set up at 6 AM in the user's zone", async () => {
    const { say } = await session("Asia/Kolkata");
    expect((await say("every morning at 6 go running")).reply).toBe("I've set up a recurring 'go running' task every day at 6 AM.");
  });
});
