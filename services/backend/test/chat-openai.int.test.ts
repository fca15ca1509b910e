import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { createLogger } from "@todo/service-kit";
import { rulesInterpreter } from "../src/chat/chat-interpreter.ts";
import { openAiInterpreter } from "../src/chat/llm/openai-interpreter.ts";
import { TOOL_NAMES } from "../src/chat/llm/chat-tools.ts";
import { outbox } from "../src/db/schema.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";
import { startScriptedLlm, type ScriptedLlm } from "./scripted-llm.ts";

// A hosted LLM cannot be reached from this machine, so the provider is scripted: a small
// OpenAI-compatible server (scripted-llm.ts) answers the real `openai` client with the tool
// calls a model would make. Everything after the HTTP response is the real chat path: TypeBox
// validation, the shared executor, the task service and its outbox, on PGlite.

const COOLDOWN_MS = 30_000;

describe("chat with the openai adapter (scripted provider)", () => {
  let llm: ScriptedLlm;
  let backend: TestBackend;
  let token: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    llm = startScriptedLlm();
    backend = await startTestBackend("pglite", {}, (deps) => ({
      interpreter: openAiInterpreter({
        apiKey: "test-key-not-secret",
        baseURL: llm.baseURL,
        model: "scripted-model",
        // Long enough for a loaded machine to answer a scripted reply, short enough for the hang test.
        timeoutMs: 1_500,
        cooldownMs: COOLDOWN_MS,
        fallback: rulesInterpreter,
        now: () => deps.clock.now().getTime(),
        logger: createLogger({
          service: "backend",
          write: (line) => void warnings.push(JSON.parse(line).msg),
        }),
      }),
    }));
    token = (await backend.signup(undefined, "Europe/Berlin")).token;
  });
  afterAll(async () => {
    await backend.close();
    await llm.stop();
  });
  beforeEach(() => {
    // Each test starts with the provider considered healthy: past any cool-down an earlier test began.
    backend.clock.advance(COOLDOWN_MS + 1);
  });

  const say = async (message: string, as = token, conversation_id?: string) => {
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
  const tasks = async (as = token) =>
    (await backend.call("GET", "/api/tasks?limit=500&sort=created&order=asc", { token: as })).body
      .items as any[];
  const byTitle = async (title: string, as = token) => (await tasks(as)).filter((t) => t.title === title);
  const freshUser = async (zone = "Europe/Berlin") => (await backend.signup(undefined, zone)).token;

  test("a tool call becomes the task it describes, through the task service and its outbox", async () => {
    const me = await freshUser();
    const before = (await backend.deps.database.db.select().from(outbox)).length;
    llm.script({
      tool_calls: [
        {
          name: "add_task",
          arguments: {
            title: "submit my weekly report",
            recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
            remind_each_time: true,
          },
        },
      ],
    });
    const res = await say("Every Friday at 2 PM remind me to submit my weekly report", me);
    expect(res.reply).toBe(
      "I've set up a recurring 'submit my weekly report' task every Friday at 2 PM. I'll remind you each time.",
    );
    const [task] = await byTitle("submit my weekly report", me);
    expect(task.recurrence_rule).toMatchObject({
      rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0;BYSECOND=0",
      timezone: "Europe/Berlin",
      active: true,
    });
    // Friday 2026-12-04 14:00 in Berlin is 13:00 UTC.
    expect(task.occurrence_at).toBe("2026-12-04T13:00:00.000Z");
    expect(res.actions).toEqual([{ type: "task.created", task_id: task.id, series_id: task.series_id }]);
    expect((await backend.deps.database.db.select().from(outbox)).length).toBeGreaterThan(before);
  });

  test("the model is sent the message, the user's zone and now, and every chat tool", async () => {
    llm.script({ content: "Hello! What would you like to do?" });
    await say("hi there");
    const request = llm.requests.at(-1)!;
    expect(request.model).toBe("scripted-model");
    expect(request.tools.map((t) => t.function.name).sort()).toEqual([...TOOL_NAMES].sort());
    expect(request.messages.at(-1)).toEqual({ role: "user", content: "hi there" });
    expect(request.messages[0]!.content).toContain("Europe/Berlin");
    expect(request.messages[0]!.content).toMatch(/it is now Saturday 2026-11-28T11:\d\d there/);
  });

  test("the turns so far are sent before the message, so a follow-up is read against them", async () => {
    const me = await freshUser();
    llm.script({ content: "Which day and time should the standup be?" });
    const first = await say("add a weekly standup", me);
    expect(llm.requests.at(-1)!.messages.slice(1)).toEqual([
      { role: "user", content: "add a weekly standup" },
    ]);
    llm.script({
      tool_calls: [
        {
          name: "add_task",
          arguments: { title: "standup", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0" } },
        },
      ],
    });
    const second = await say("Mondays at 9", me, first.conversation_id);
    expect(llm.requests.at(-1)!.messages.slice(1)).toEqual([
      { role: "user", content: "add a weekly standup" },
      { role: "assistant", content: "Which day and time should the standup be?" },
      { role: "user", content: "Mondays at 9" },
    ]);
    expect(second.reply).toBe("I've set up a recurring standup task every Monday at 9 AM.");
    expect(await byTitle("standup", me)).toMatchObject([
      { recurrence_rule: { weekdays: ["MO"], time_of_day: "09:00" } },
    ]);
  });

  test("only the last six turns are sent, oldest first", async () => {
    const me = await freshUser();
    let conversation: string | undefined;
    for (let n = 1; n <= 8; n++) {
      llm.script({ content: `reply ${n}` });
      conversation = (await say(`message ${n}`, me, conversation)).conversation_id;
    }
    const sent = llm.requests.at(-1)!.messages.slice(1);
    expect(sent.filter((m) => m.role === "user").map((m) => m.content)).toEqual([
      "message 2",
      "message 3",
      "message 4",
      "message 5",
      "message 6",
      "message 7",
      "message 8",
    ]);
    expect(sent.filter((m) => m.role === "assistant").map((m) => m.content)).toEqual([
      "reply 2",
      "reply 3",
      "reply 4",
      "reply 5",
      "reply 6",
      "reply 7",
    ]);
  });

  test("an answer in words with no tool call is said as is and changes nothing", async () => {
    const me = await freshUser();
    llm.script({ content: "Hello! What would you like to do?" });
    const res = await say("hi there", me);
    expect(res.reply).toBe("Hello! What would you like to do?");
    expect(res.actions).toEqual([]);
    expect(await tasks(me)).toEqual([]);
  });

  test("several tool calls in one turn run in order, and 'it' is the task the previous call touched", async () => {
    const me = await freshUser();
    llm.script(
      { tool_calls: [{ name: "add_task", arguments: { title: "call mom" } }] },
      {
        tool_calls: [
          { name: "add_task", arguments: { title: "buy milk", tags: ["Groceries"] } },
          { name: "set_priority", arguments: { task: "it", priority: "high" } },
          { name: "complete_task", arguments: { task: "call mom" } },
        ],
      },
    );
    await say("add call mom", me);
    const res = await say("add buy milk to groceries, make it urgent, and I called mom", me);
    const [milk] = await byTitle("buy milk", me);
    const [mom] = await byTitle("call mom", me);
    expect(milk).toMatchObject({ priority: "high", tags: ["groceries"], status: "pending" });
    expect(mom.status).toBe("completed");
    expect(res.actions).toEqual([
      { type: "task.created", task_id: milk.id },
      { type: "task.updated", task_id: milk.id },
      { type: "task.completed", task_id: mom.id },
    ]);
    expect(res.reply.split("\n")).toEqual([
      "I've added 'buy milk' (tag: groceries).",
      "I've changed the priority of 'buy milk' to high.",
      "Done: 'call mom' is marked complete.",
    ]);
  });

  test("a reminder's local wall time is read in the user's zone, across a DST change", async () => {
    const me = await freshUser("America/New_York");
    // Sunday 1 November 2026 is the fall-back day in New York: 9 AM that day is EST (UTC-5), not EDT.
    llm.script(
      {
        tool_calls: [
          { name: "add_task", arguments: { title: "dentist appointment", reminder_at: "2026-11-29T09:00" } },
        ],
      },
      {
        tool_calls: [
          { name: "set_reminder", arguments: { task: "dentist appointment", at: "2026-12-01T08:30" } },
        ],
      },
    );
    await say("add dentist appointment and remind me tomorrow at 9", me);
    expect((await byTitle("dentist appointment", me))[0].reminder_time).toBe("2026-11-29T14:00:00.000Z");
    const res = await say("actually remind me about the dentist on Tuesday at 8:30 AM", me);
    expect(res.reply).toBe("I'll remind you about 'dentist appointment' Tuesday at 8:30 AM.");
    expect((await byTitle("dentist appointment", me))[0].reminder_time).toBe("2026-12-01T13:30:00.000Z");
  });

  test("a list_tasks call lists exactly the matching tasks", async () => {
    const me = await freshUser();
    llm.script(
      {
        tool_calls: [
          { name: "add_task", arguments: { title: "book hotel", priority: "high", tags: ["travel"] } },
        ],
      },
      { tool_calls: [{ name: "add_task", arguments: { title: "pack bags", tags: ["travel"] } }] },
      { tool_calls: [{ name: "list_tasks", arguments: { priority: ["high"], tags: ["travel"] } }] },
      { tool_calls: [{ name: "list_tasks", arguments: { priority: ["low"], tags: ["garden"] } }] },
    );
    await say("add book hotel, high priority, #travel", me);
    await say("add pack bags #travel", me);
    const listed = await say("show my high priority travel tasks", me);
    expect(listed.tasks!.map((t) => t.title)).toEqual(["book hotel"]);
    const none = await say("show me low priority tasks tagged garden", me);
    expect(none.reply).toBe(
      "No low-priority tasks tagged garden found. Would you like to see all tasks instead?",
    );
  });

  describe("invalid tool arguments are not executed; the rules read the message instead", () => {
    const cases: Array<[string, { name: string; arguments: string | Record<string, unknown> }]> = [
      [
        "a priority outside high, medium and low",
        { name: "add_task", arguments: { title: "WRONG", priority: "urgent" } },
      ],
      ["arguments that are not JSON", { name: "add_task", arguments: '{"title": "WRONG"' }],
      ["a tool that does not exist", { name: "launch_rocket", arguments: { title: "WRONG" } }],
      [
        "a date that does not exist",
        { name: "add_task", arguments: { title: "WRONG", due_date: "2026-02-30" } },
      ],
      [
        "a rule with an unknown weekday",
        { name: "add_task", arguments: { title: "WRONG", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=XX" } } },
      ],
      [
        "an argument the tool does not take",
        { name: "add_task", arguments: { title: "WRONG", colour: "red" } },
      ],
    ];
    test.each(cases)("%s", async (_, call) => {
      const me = await freshUser();
      llm.script({ tool_calls: [{ name: "add_task", arguments: { title: "fine" } }, call] });
      const res = await say("add water the plants tomorrow", me);
      expect(res.reply).toStartWith(
        "(The language model didn't answer properly, so I used my built-in rules for this one.)\n",
      );
      expect(res.reply).toEndWith("I've added 'water the plants' (due tomorrow).");
      // Neither the valid call before the bad one nor the bad one ran.
      expect((await tasks(me)).map((t) => t.title)).toEqual(["water the plants"]);
      expect(warnings.at(-1)).toContain("tool call was refused");
    });
  });

  test("the answer to a pending question is read through the model too, and completes the request", async () => {
    const me = await freshUser();
    // The first turn falls back to the rules, which ask for the missing name and keep "tomorrow at 5".
    llm.script({ status: 500, error: "overloaded" });
    const first = await say("add a task for tomorrow at 5pm", me);
    expect(first.reply).toContain("What should the task be called?");
    backend.clock.advance(COOLDOWN_MS + 1);
    llm.script({ tool_calls: [{ name: "add_task", arguments: { title: "pay the rent" } }] });
    const asked = llm.requests.length;
    const answer = await say("pay the rent", me, first.conversation_id);
    expect(llm.requests.length).toBe(asked + 1);
    expect(llm.requests.at(-1)!.messages.at(-1)!.content).toContain("pay the rent");
    const [task] = await byTitle("pay the rent", me);
    // The name came from the answer, the time from the question's request: 5 PM in Berlin.
    expect(
      new Date(task.due_at).toLocaleTimeString("en-GB", {
        timeZone: "Europe/Berlin",
        hour: "2-digit",
        minute: "2-digit",
      }),
    ).toBe("17:00");
    expect(answer.actions).toEqual([{ type: "task.created", task_id: task.id }]);
  });

  test("'never mind' to a pending question drops it without asking the model", async () => {
    const me = await freshUser();
    llm.script({ status: 500, error: "overloaded" });
    const first = await say("add a task for tomorrow at 5pm", me);
    expect(first.reply).toContain("What should the task be called?");
    backend.clock.advance(COOLDOWN_MS + 1);
    const asked = llm.requests.length;
    const answer = await say("never mind", me, first.conversation_id);
    expect(answer.reply).toBe("OK, I've dropped that request.");
    expect(llm.requests.length).toBe(asked);
    expect(await tasks(me)).toEqual([]);
  });

  test("a provider error falls back to the rules and says so", async () => {
    const me = await freshUser();
    llm.script({ status: 500, error: "overloaded" });
    const res = await say("add call the plumber", me);
    expect(res.reply).toBe(
      "(The language model didn't answer properly, so I used my built-in rules for this one.)\nI've added 'call the plumber'.",
    );
    expect((await tasks(me)).map((t) => t.title)).toEqual(["call the plumber"]);
  });

  test("a time-out falls back to the rules, and the model is left alone for the cool-down", async () => {
    const me = await freshUser();
    llm.script({ hang: true });
    const asked = llm.requests.length;
    const first = await say("add renew passport due next Friday", me);
    expect(first.reply).toBe(
      "(The language model didn't answer properly, so I used my built-in rules for this one.)\nI've added 'renew passport' (due Friday).",
    );
    expect(llm.requests.length).toBe(asked + 1);
    expect(warnings.at(-1)).toContain("timed out");

    // Within the cool-down no request is made: one slow provider does not slow every turn.
    const second = await say("add call mom", me);
    expect(second.reply).toBe(
      "(The language model is unavailable right now, so I'm using my built-in rules.)\nI've added 'call mom'.",
    );
    expect(llm.requests.length).toBe(asked + 1);

    // After it, the model is asked again.
    backend.clock.advance(COOLDOWN_MS + 1);
    llm.script({ tool_calls: [{ name: "complete_task", arguments: { task: "call mom" } }] });
    const third = await say("called mom", me);
    expect(third.reply).toBe("Done: 'call mom' is marked complete.");
    expect(llm.requests.length).toBe(asked + 2);
  });
});
