import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chatConversation } from "./chat-conversation.ts";
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
    const titles = async () =>
      (
        (await backend.call("GET", "/api/tasks?sort=created&order=asc", { token })).body.items as {
          title: string;
        }[]
      ).map((t) => t.title);
    return { say, titles };
  };

  test("'rename X to Y' with a 'to' inside X renames the task whose title X is", async () => {
    const { say, titles } = await session();
    await say("add go to gym");
    await say("add trip to Paris");
    expect((await say("rename go to gym to gym session")).reply).toBe(
      "I've renamed 'go to gym' to 'gym session'.",
    );
    expect((await say("rename trip to Paris to trip to Rome")).reply).toBe(
      "I've renamed 'trip to Paris' to 'trip to Rome'.",
    );
    expect(await titles()).toEqual(["gym session", "trip to Rome"]);
  });

  test("'every second Tuesday' is asked about and nothing is created", async () => {
    const { say, titles } = await session();
    const res = await say("every second Tuesday review the budget");
    expect(res).toEqual({
      conversation_id: expect.any(String),
      reply: "Do you mean the second Tuesday of every month, or every other Tuesday (every 2 weeks)?",
      actions: [],
    });
    expect(await titles()).toEqual([]);
    await say("every second Tuesday of the month review the budget");
    expect(await titles()).toEqual(["review the budget"]);
  });

  test("a weekday in a title stays in it, and the due date is the one said with 'due'", async () => {
    const { say } = await session();
    expect((await say("add Monday standup notes due Tuesday")).reply).toBe(
      "I've added 'Monday standup notes' (due Tuesday).",
    );
  });

  test("'every morning at 6' is set up at 6 AM in the user's zone", async () => {
    const { say } = await session("Asia/Kolkata");
    expect((await say("every morning at 6 go running")).reply).toBe(
      "I've set up a recurring 'go running' task every day at 6 AM.",
    );
  });
});

// The API writes a rule out in full (";BYSECOND=0"), so rules are compared by how they start.
const ruleStarting = (rule: string) =>
  expect.stringMatching(new RegExp(`^${rule.replace(/[+]/g, "\\+")}(?:;|$)`));

// Saturday 2026-11-28 10:00 UTC. Each test talks in one conversation, as the site does.
describe("answers to the bot's questions complete the request they interrupted (PGlite)", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend("pglite");
  });
  afterAll(() => backend.close());
  const conversation = (zone = "Europe/Berlin") => chatConversation(backend, zone);

  const SECOND_TUESDAY =
    "Do you mean the second Tuesday of every month, or every other Tuesday (every 2 weeks)?";
  const MONTHLY = "FREQ=MONTHLY;BYDAY=+2TU;BYHOUR=10;BYMINUTE=0";
  const FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=10;BYMINUTE=0";
  test.each([
    ["every other Tuesday", "Europe/Berlin", FORTNIGHTLY],
    ["the second Tuesday of the month", "America/New_York", MONTHLY],
    ["the first", "Asia/Tokyo", MONTHLY],
    ["monthly", "Australia/Sydney", MONTHLY],
    ["every 2 weeks", "America/Los_Angeles", FORTNIGHTLY],
    ["I mean biweekly", "Asia/Kolkata", FORTNIGHTLY],
    ["the second one", "UTC", FORTNIGHTLY],
    ["2nd Tuesday of each month please", "Europe/London", MONTHLY],
  ])(
    "'every second Tuesday' answered with %p (%s) sets up team sync with the title and time kept",
    async (answer, zone, rrule) => {
      const { say, tasks } = await conversation(zone);
      const ask = await say("add team sync every second Tuesday at 10");
      expect(ask).toMatchObject({ reply: SECOND_TUESDAY, actions: [] });
      expect(await tasks()).toEqual([]);
      const done = await say(answer);
      expect(done.actions.map((a) => a.type)).toEqual(["task.created"]);
      const [task, ...others] = await tasks();
      expect(others).toEqual([]);
      expect(task).toMatchObject({
        title: "team sync",
        recurrence_rule: { rrule: ruleStarting(rrule), timezone: zone, time_of_day: "10:00" },
      });
    },
  );

  test("an answer that is no schedule is asked again, and changes nothing", async () => {
    const { say, tasks } = await conversation();
    await say("every second Tuesday review the budget");
    expect((await say("hmm")).reply).toBe(`Sorry, I didn't get that. ${SECOND_TUESDAY}`);
    expect(await tasks()).toEqual([]);
    await say("every other Tuesday");
    expect(await tasks()).toMatchObject([
      {
        title: "review the budget",
        recurrence_rule: { rrule: ruleStarting("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU") },
      },
    ]);
  });

  test("a new command instead of an answer drops the question and is carried out", async () => {
    const { say, tasks } = await conversation();
    await say("add team sync every second Tuesday at 10");
    expect((await say("add buy milk")).reply).toBe("I've added 'buy milk'.");
    expect((await say("show my tasks")).reply).toBe("Here are your tasks:\n- buy milk");
    // The question is gone: a schedule now is a request of its own, which has no name.
    expect((await say("every other Tuesday")).reply).toBe("What should the task be called?");
    expect((await tasks()).map((t) => t.title)).toEqual(["buy milk"]);
    expect((await say("never mind")).reply).toBe("OK, I've dropped that request.");
    expect((await tasks()).map((t) => t.title)).toEqual(["buy milk"]);
  });

  test("a schedule it cannot read, answered with one it can, makes the recurring task", async () => {
    const { say, tasks } = await conversation("America/Chicago");
    expect((await say("every blursday do stuff")).reply).toContain('"every blursday"');
    expect((await say("Thursdays at 5pm")).reply).toBe(
      "I've set up a recurring 'do stuff' task every Thursday at 5 PM.",
    );
    expect(await tasks()).toMatchObject([
      {
        title: "do stuff",
        recurrence_rule: {
          rrule: ruleStarting("FREQ=WEEKLY;BYDAY=TH;BYHOUR=17;BYMINUTE=0"),
          timezone: "America/Chicago",
        },
      },
    ]);
  });

  test("'how often?' is answered by the schedule alone", async () => {
    const { say, tasks } = await conversation();
    expect((await say("create a recurring task to water plants")).reply).toStartWith(
      'How often should "water plants" repeat?',
    );
    await say("every 3 days");
    expect(await tasks()).toMatchObject([
      { title: "water plants", recurrence_rule: { rrule: ruleStarting("FREQ=DAILY;INTERVAL=3") } },
    ]);
  });

  test("a missing title is asked for, and the answer keeps the date, time and tags said first", async () => {
    const { say, tasks } = await conversation("America/New_York");
    expect((await say("add a high priority task for tomorrow at 5pm #work")).reply).toBe(
      "What should the task be called?",
    );
    expect(await tasks()).toEqual([]);
    const done = await say("call the bank");
    expect(done.actions.map((a) => a.type)).toEqual(["task.created"]);
    expect(await tasks()).toMatchObject([
      { title: "call the bank", priority: "high", tags: ["work"], due_at: "2026-11-29T22:00:00.000Z" },
    ]);
    // "it" is the task just made.
    expect((await say("make it low priority")).reply).toBe(
      "I've changed the priority of 'call the bank' to low.",
    );
  });

  test("'when should I remind you?' is answered with a time, and the reminder is set on the new task", async () => {
    const { say, tasks } = await conversation("Asia/Tokyo");
    expect((await say("remind me to call mom")).reply).toStartWith(
      'When should I remind you about "call mom"?',
    );
    const done = await say("tomorrow at 9");
    expect(done.actions.map((a) => a.type)).toEqual(["task.created", "reminder.scheduled"]);
    expect(await tasks()).toMatchObject([{ title: "call mom", reminder_time: "2026-11-29T00:00:00.000Z" }]);
  });

  test("a reminder time already passed is replaced by the answer", async () => {
    const { say, tasks } = await conversation();
    expect((await say("remind me yesterday at 9 to stretch")).reply).toBe(
      "That time has already passed. When should I remind you instead?",
    );
    await say("in 2 hours");
    expect(await tasks()).toMatchObject([{ title: "stretch", reminder_time: "2026-11-28T12:00:00.000Z" }]);
  });

  test("a rename without the new name, and 'delete everything', are completed by the answer", async () => {
    const { say, tasks } = await conversation();
    await say("add call mom");
    await say("add buy milk");
    expect((await say("rename call mom")).reply).toBe('What should "call mom" be called?');
    expect((await say("call dad")).reply).toBe("I've renamed 'call mom' to 'call dad'.");
    expect((await say("delete everything")).reply).toBe(
      "Which task should I delete? I change one task at a time.",
    );
    expect((await say("buy milk")).reply).toBe("I've deleted 'buy milk'.");
    expect((await tasks()).map((t) => t.title)).toEqual(["call dad"]);
  });

  test("the offer to add a bare phrase is taken with 'yes' and declined with 'no'", async () => {
    const { say, tasks } = await conversation();
    expect((await say("buy milk")).reply).toStartWith('Do you want me to add "buy milk" as a task?');
    expect((await say("yes")).reply).toBe("I've added 'buy milk'.");
    await say("water the garden");
    expect((await say("no")).reply).toBe("OK, I won't add it.");
    expect((await tasks()).map((t) => t.title)).toEqual(["buy milk"]);
  });
});

describe("messages without a verb that carry a date or a schedule are adds (PGlite)", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend("pglite");
  });
  afterAll(() => backend.close());

  test.each([
    [
      "friday at 9 call the bank",
      "Europe/Berlin",
      { title: "call the bank", due_at: "2026-12-04T08:00:00.000Z", recurrence_rule: null },
    ],
    ["tomorrow 8am dentist", "America/Los_Angeles", { title: "dentist", due_at: "2026-11-29T16:00:00.000Z" }],
    ["dentist tomorrow at 8am", "Asia/Tokyo", { title: "dentist", due_at: "2026-11-28T23:00:00.000Z" }],
    ["next monday renew passport", "UTC", { title: "renew passport", due_date: "2026-11-30", due_at: null }],
    [
      "daily standup at 9",
      "Europe/Berlin",
      { title: "standup", recurrence_rule: { rrule: ruleStarting("FREQ=DAILY;BYHOUR=9;BYMINUTE=0") } },
    ],
    [
      "every weekday at 7:30 stretch",
      "America/New_York",
      {
        title: "stretch",
        recurrence_rule: { rrule: ruleStarting("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=30") },
      },
    ],
    [
      "Mondays gym at 6pm",
      "Australia/Sydney",
      { title: "gym", recurrence_rule: { rrule: ruleStarting("FREQ=WEEKLY;BYDAY=MO;BYHOUR=18;BYMINUTE=0") } },
    ],
  ])("%p (%s) adds the task with its date or schedule", async (message, zone, expected) => {
    const { token } = await backend.signup(undefined, zone);
    const res = await backend.call("POST", "/api/chat", { body: { message }, token });
    expect((res.body as { actions: { type: string }[] }).actions[0]).toMatchObject({ type: "task.created" });
    const items = (await backend.call("GET", "/api/tasks", { token })).body.items;
    expect(items).toMatchObject([expected]);
  });

  test.each(["I'm busy tomorrow", "is the dentist tomorrow at 9?", "buy milk"])(
    "%p is asked about, not added",
    async (message) => {
      const { token } = await backend.signup(undefined, "Europe/Berlin");
      const res = await backend.call("POST", "/api/chat", { body: { message }, token });
      expect(res.body).toMatchObject({ actions: [] });
      expect((await backend.call("GET", "/api/tasks", { token })).body.items).toEqual([]);
    },
  );
});
