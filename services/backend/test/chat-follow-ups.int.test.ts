import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Temporal } from "temporal-polyfill";
import { startTestBackend, type TestBackend } from "./harness.ts";

type Reply = { conversation_id: string; reply: string; actions: { type: string; task_id?: string }[] };

/** The instant of a wall time in `zone`, as the API writes it. */
const at = (wall: string, zone: string) =>
  new Date(Temporal.PlainDateTime.from(wall).toZonedDateTime(zone).epochMilliseconds).toISOString();

// Saturday 2026-11-28 10:00 UTC. Each conversation talks about one task; no turn may make a stray one.
describe.each(["Europe/Berlin", "America/New_York", "Asia/Kolkata"])(
  "follow-ups about 'it' in %s (PGlite)",
  (zone) => {
    let backend: TestBackend;
    let say: (message: string) => Promise<Reply>;
    let tasks: () => Promise<any[]>;
    beforeAll(async () => {
      backend = await startTestBackend("pglite");
      const { token } = await backend.signup(undefined, zone);
      let id: string | undefined;
      say = async (message) => {
        const res = await backend.call("POST", "/api/chat", {
          body: id ? { message, conversation_id: id } : { message },
          token,
        });
        expect(res.status).toBe(200);
        id = (res.body as Reply).conversation_id;
        return res.body as Reply;
      };
      tasks = async () =>
        (await backend.call("GET", "/api/tasks?sort=created&order=asc", { token })).body.items;
    });
    afterAll(() => backend.close());

    test.each<[string, string, Record<string, unknown>]>([
      [
        "add call the bank friday at 3pm",
        "I've added 'call the bank' (due Friday at 3 PM).",
        { due_at: "2026-12-04T15:00" },
      ],
      ["move it to 5pm", "'call the bank' is now due Friday at 5 PM.", { due_at: "2026-12-04T17:00" }],
      [
        "make that high priority",
        "I've changed the priority of 'call the bank' to high.",
        { priority: "high" },
      ],
      [
        "actually make it monday",
        "'call the bank' is now due Monday at 5 PM.",
        { due_at: "2026-11-30T17:00" },
      ],
      ["tag it work", "I've added the tag 'work' to 'call the bank' (tags: work).", { tags: ["work"] }],
      [
        "remind me an hour before",
        "I'll remind you about 'call the bank' Monday at 4 PM, 1 hour before it's due.",
        { reminder_time: "2026-11-30T16:00" },
      ],
      [
        "change the time to 4:30pm",
        "'call the bank' is now due Monday at 4:30 PM.",
        { due_at: "2026-11-30T16:30" },
      ],
      [
        "rename it to call the bank about the loan",
        "I've renamed 'call the bank' to 'call the bank about the loan'.",
        { title: "call the bank about the loan" },
      ],
      [
        "snooze it for 10 minutes",
        "I'll remind you about 'call the bank about the loan' today at ",
        { reminder_time: "now+10" },
      ],
      [
        "mark it as done",
        "Done: 'call the bank about the loan' is marked complete.",
        { status: "completed" },
      ],
    ])("%p", async (message, reply, expected) => {
      const res = await say(message);
      expect(res.reply).toStartWith(reply);
      const all = await tasks();
      expect(all).toHaveLength(1);
      const want = Object.fromEntries(
        Object.entries(expected).map(([key, value]) => {
          if (value === "now+10")
            return [key, new Date(Date.parse("2026-11-28T10:00:00Z") + 10 * 60_000).toISOString()];
          return [
            key,
            typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? at(value, zone) : value,
          ];
        }),
      );
      expect(all[0]).toMatchObject(want);
    });
  },
);

describe("a time alone keeps the task's day; a weekday in the words names the day (PGlite)", () => {
  let backend: TestBackend;
  beforeAll(async () => void (backend = await startTestBackend("pglite")));
  afterAll(() => backend.close());

  test("'move the dentist appointment to 10am' keeps its date", async () => {
    const { token } = await backend.signup(undefined, "Europe/Berlin");
    const say = async (message: string) =>
      (await backend.call("POST", "/api/chat", { body: { message }, token })).body as Reply;
    await say("add dentist appointment on december 9 at 3pm");
    expect((await say("move the dentist appointment to 10am")).reply).toBe(
      "'dentist appointment' is now due 9 December at 10 AM.",
    );
  });

  test("'move the dentist appointment to monday' keeps its time", async () => {
    const { token } = await backend.signup(undefined, "America/Los_Angeles");
    const say = async (message: string) =>
      (await backend.call("POST", "/api/chat", { body: { message }, token })).body as Reply;
    await say("add dentist appointment on december 9 at 3pm");
    expect((await say("move the dentist appointment to monday")).reply).toBe(
      "'dentist appointment' is now due Monday at 3 PM.",
    );
    const [task] = (await backend.call("GET", "/api/tasks", { token })).body.items;
    expect(task.due_at).toBe(at("2026-11-30T15:00", "America/Los_Angeles"));
  });

  test("'book a table for friday dinner at 7pm #personal' is due Friday at 7 PM and keeps 'friday' in the title", async () => {
    const { token } = await backend.signup(undefined, "America/New_York");
    const res = await backend.call("POST", "/api/chat", {
      body: { message: "add book a table for friday dinner at 7pm #personal" },
      token,
    });
    expect(res.body.reply).toBe(
      "I've added 'book a table for friday dinner' (tag: personal, due Friday at 7 PM).",
    );
    const [task] = (await backend.call("GET", "/api/tasks", { token })).body.items;
    expect(task).toMatchObject({ due_at: at("2026-12-04T19:00", "America/New_York"), tags: ["personal"] });
  });

  test("'remind me an hour before' a task without a time says why and changes nothing", async () => {
    const { token } = await backend.signup(undefined, "Asia/Kolkata");
    let id: string | undefined;
    const say = async (message: string) => {
      const body = (
        await backend.call("POST", "/api/chat", {
          body: id ? { message, conversation_id: id } : { message },
          token,
        })
      ).body as Reply;
      id = body.conversation_id;
      return body;
    };
    await say("add renew passport tomorrow");
    expect(await say("remind me an hour before")).toMatchObject({
      reply: "'renew passport' has no due time to count back from. When should I remind you about it?",
      actions: [],
    });
  });
});
