import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Temporal } from "temporal-polyfill";
import { expandRule } from "@todo/schemas/recurrence";
import { chatConversation } from "./chat-conversation.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";

const at = (wall: string, zone: string) =>
  new Date(Temporal.PlainDateTime.from(wall).toZonedDateTime(zone).epochMilliseconds).toISOString();
const NOW = Date.parse("2026-11-28T10:00:00Z"); // the harness clock: a Saturday

// What the one task a message made must be: its title, rule (by how it starts), first due
// instant (local wall time) or due date, and bounds.
type Want = {
  title: string;
  rrule?: string;
  due_at?: string;
  due_date?: string;
  count?: number;
  until_day?: string;
  in_hours?: number;
};

const FAMILIES: [string, Want][] = [
  // Month positions and shorthands.
  [
    "pay bills every last day at 9am",
    { title: "pay bills", rrule: "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9", due_at: "2026-11-30T09:00" },
  ],
  [
    "pay bills every last workday at 9am",
    {
      title: "pay bills",
      rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0;BYSETPOS=-1",
      due_at: "2026-11-30T09:00",
    },
  ],
  [
    "pay bills every 27 at 9am",
    { title: "pay bills", rrule: "FREQ=MONTHLY;BYMONTHDAY=27;BYHOUR=9", due_at: "2026-12-27T09:00" },
  ],
  [
    "pay bills every 27th at 9am",
    { title: "pay bills", rrule: "FREQ=MONTHLY;BYMONTHDAY=27;BYHOUR=9", due_at: "2026-12-27T09:00" },
  ],
  [
    "pay bills every 1st and 15th at 9am",
    { title: "pay bills", rrule: "FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=9", due_at: "2026-12-01T09:00" },
  ],
  [
    "book club every 3rd friday at 7pm",
    { title: "book club", rrule: "FREQ=MONTHLY;BYDAY=+3FR;BYHOUR=19", due_at: "2026-12-18T19:00" },
  ],
  // Series bounds.
  [
    "team sync every friday at 9am starting friday for 8 weeks",
    {
      title: "team sync",
      rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9",
      due_at: "2026-12-04T09:00",
      until_day: "2027-01-28",
    },
  ],
  [
    "review every other week starting jan 15 at 10am",
    { title: "review", rrule: "FREQ=WEEKLY;INTERVAL=2", due_at: "2027-01-15T10:00" },
  ],
  [
    "yoga every monday at 7pm until june",
    {
      title: "yoga",
      rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19",
      due_at: "2026-11-30T19:00",
      until_day: "2027-06-30",
    },
  ],
  [
    "yoga every monday at 7pm for 10 times",
    { title: "yoga", rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19", due_at: "2026-11-30T19:00", count: 10 },
  ],
  // No time of day: a date-only series, due on its first day with no time (Saturday 28 November).
  ["buy milk every week", { title: "buy milk", rrule: "FREQ=WEEKLY", due_date: "2026-11-28" }],
  [
    "call grandma every other monday",
    { title: "call grandma", rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", due_date: "2026-11-30" },
  ],
  [
    "clean the car every weekend",
    { title: "clean the car", rrule: "FREQ=WEEKLY;BYDAY=SA", due_date: "2026-11-28" },
  ],
  ["pay bills every 27", { title: "pay bills", rrule: "FREQ=MONTHLY;BYMONTHDAY=27", due_date: "2026-12-27" }],
  // Vague and relative dates.
  ["dentist mid april", { title: "dentist", due_date: "2027-04-15" }],
  ["report end of month", { title: "report", due_date: "2026-11-30" }],
  ["report end of week", { title: "report", due_date: "2026-12-04" }],
  ["stretch in 2 hours", { title: "stretch", in_hours: 2 }],
  ["call mom in 3 days", { title: "call mom", due_date: "2026-12-01" }],
  ["dentist day after tomorrow at 2pm", { title: "dentist", due_at: "2026-11-30T14:00" }],
  ["call mom tonight", { title: "call mom", due_at: "2026-11-28T20:00" }],
  ["plan trip next week", { title: "plan trip", due_date: "2026-11-30" }],
];

describe.each(["Europe/Berlin", "America/New_York", "Asia/Tokyo"])(
  "phrase families in %s (PGlite)",
  (zone) => {
    let backend: TestBackend;
    beforeAll(async () => void (backend = await startTestBackend("pglite")));
    afterAll(() => backend.close());

    const conversation = () => chatConversation(backend, zone);

    test.each(FAMILIES)("%p", async (message, want) => {
      const { say, tasks } = await conversation();
      const res = await say(message);
      expect(res.actions[0]?.type).toBe("task.created");
      const [task, ...others] = await tasks();
      expect(others).toEqual([]);
      expect(task.title).toBe(want.title);
      if (want.rrule) expect(task.recurrence_rule.rrule).toStartWith(want.rrule);
      if (want.due_at) expect(task.due_at).toBe(at(want.due_at, zone));
      if (want.due_date) expect(task).toMatchObject({ due_date: want.due_date, due_at: null });
      if (want.due_date && want.rrule)
        expect(task.recurrence_rule).toMatchObject({ dtstart: want.due_date, time_of_day: null });
      if (want.in_hours) expect(task.due_at).toBe(new Date(NOW + want.in_hours * 3600_000).toISOString());
      if (want.count) expect(task.recurrence_rule.count).toBe(want.count);
      if (want.until_day) expect(task.recurrence_rule.until).toBe(at(`${want.until_day}T23:59:59`, zone));
      // Never silently wrong: the reply names the title and, for a series, the schedule it set up.
      expect(res.reply).toContain(want.title);
      // A start the user named is said between the rule and its end: "every Friday at 9 AM, starting Friday, until …".
      if (want.rrule)
        for (const part of task.recurrence_rule.text.split(", ")) expect(res.reply).toContain(part);
      if (want.rrule && /\bstarting\b/.test(message)) expect(res.reply).toContain(", starting ");
    });

    test("alternatives are asked about, and the answer completes the request", async () => {
      const { say, tasks } = await conversation();
      expect(await say("meet next friday or saturday")).toMatchObject({
        reply: "Which do you mean: Friday or Saturday? A task has one due date.",
        actions: [],
      });
      expect(await tasks()).toEqual([]);
      await say("friday");
      expect(await tasks()).toMatchObject([{ title: "meet", due_date: "2026-12-04" }]);
    });

    test("'every monday or tuesday' is asked about; 'every tuesday' answers it", async () => {
      const { say, tasks } = await conversation();
      expect((await say("gym every monday or tuesday at 7am")).reply).toStartWith(
        "Which do you mean: every Monday or every Tuesday?",
      );
      await say("every tuesday");
      const [task] = await tasks();
      expect(task.recurrence_rule.rrule).toStartWith("FREQ=WEEKLY;BYDAY=TU;BYHOUR=7");
    });

    test("'on the 3rd or the 4th' is asked about", async () => {
      const { say, tasks } = await conversation();
      expect((await say("pay the plumber on the 3rd or the 4th")).reply).toBe(
        "Which do you mean: the 3rd or the 4th? A task has one due date.",
      );
      expect(await tasks()).toEqual([]);
    });

    test("'every few days' gets a question with examples, and 'every 3 days' answers it", async () => {
      const { say, tasks } = await conversation();
      expect((await say("water plants every few days at 8am")).reply).toBe(
        'How often exactly? For example "every 2 days", "every 3 days" or "every Monday and Thursday".',
      );
      await say("every 3 days");
      const [task] = await tasks();
      expect(task).toMatchObject({ title: "water plants" });
      expect(task.recurrence_rule.rrule).toStartWith("FREQ=DAILY;INTERVAL=3;BYHOUR=8");
    });
  },
);

describe("a series with no time of day is date-only (PGlite)", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend("pglite");
    backend.clock.advance(4 * 24 * 3600_000); // Wednesday 2 December 2026, 10:00 UTC
  });
  afterAll(() => backend.close());

  test.each(["Europe/Berlin", "America/New_York", "Asia/Tokyo"])(
    "'buy milk every week' said on a Wednesday in %s starts today and recurs on Wednesdays at no time, across the March DST change",
    async (zone) => {
      const { say, tasks } = await chatConversation(backend, zone);
      const res = await say("buy milk every week");
      const [task] = await tasks();
      expect(task).toMatchObject({ title: "buy milk", due_date: "2026-12-02", due_at: null });
      expect(task.recurrence_rule).toMatchObject({
        rrule: "FREQ=WEEKLY",
        dtstart: "2026-12-02",
        time_of_day: null,
        text: "every week",
      });
      expect(res.reply).toBe("I've set up a recurring 'buy milk' task every week.");
      const rule = task.recurrence_rule;
      const expanded = expandRule(
        { rrule: rule.rrule, dtstart: rule.dtstart, timezone: rule.timezone },
        { limit: 20 },
      );
      if (!expanded.ok) throw new Error(expanded.problem.message);
      // Each occurrence is a local midnight, and every one of them a Wednesday on the user's calendar.
      const days = expanded.value.map((d) => Temporal.Instant.from(d.toISOString()).toZonedDateTimeISO(zone));
      expect(days.every((day) => day.dayOfWeek === 3 && day.hour === 0 && day.minute === 0)).toBe(true);
      expect(days.at(-1)!.toPlainDate().toString()).toBe("2027-04-14");
    },
  );

  test("'every other monday' said on a Wednesday starts on the coming Monday", async () => {
    const { say, tasks } = await chatConversation(backend, "Europe/Berlin");
    await say("call grandma every other monday");
    const [task] = await tasks();
    expect(task).toMatchObject({ due_date: "2026-12-07", due_at: null });
    expect(task.recurrence_rule).toMatchObject({
      rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
      dtstart: "2026-12-07",
      time_of_day: null,
    });
  });

  test("a time in the start ('starting jan 15 at 10am') keeps the series timed", async () => {
    const { say, tasks } = await chatConversation(backend, "Europe/Berlin");
    await say("review every monday starting jan 15 at 10am");
    const [task] = await tasks();
    expect(task.recurrence_rule).toMatchObject({ time_of_day: "10:00" });
    expect(task.due_at).toBe(at("2027-01-18T10:00", "Europe/Berlin"));
  });

  test("'every evening' is 7 PM and 'every night' 10 PM, as in Todoist", async () => {
    const { say, tasks } = await chatConversation(backend, "Europe/Berlin");
    await say("read every evening");
    await say("floss every night");
    // Both are made at the same instant of the test clock, so they are told apart by title.
    const all = await tasks();
    const [read, floss] = ["read", "floss"].map((title) => all.find((t) => t.title === title));
    expect(read.recurrence_rule).toMatchObject({ time_of_day: "19:00" });
    expect(floss.recurrence_rule).toMatchObject({ time_of_day: "22:00" });
  });

  test("a task with a time made to repeat with no time keeps its day and time: 'actually make it every other week'", async () => {
    const { say, tasks } = await chatConversation(backend, "Europe/Berlin");
    await say("add team review friday at 5pm");
    await say("actually make it every other week");
    const [task] = await tasks();
    expect(task.recurrence_rule).toMatchObject({
      rrule: expect.stringContaining("FREQ=WEEKLY;INTERVAL=2"),
      dtstart: "2026-12-04T17:00:00",
      time_of_day: "17:00",
    });
    expect(task.due_at).toBe(at("2026-12-04T17:00", "Europe/Berlin"));
  });
});

describe("a month position across a DST change (PGlite)", () => {
  test("'every 3rd friday at 7pm' in New York stays at 7 PM local on each third Friday across the March change", async () => {
    const backend = await startTestBackend("pglite");
    try {
      const { token } = await backend.signup(undefined, "America/New_York");
      await backend.call("POST", "/api/chat", {
        body: { message: "book club every 3rd friday at 7pm" },
        token,
      });
      const [task] = (await backend.call("GET", "/api/tasks", { token })).body.items;
      const rule = task.recurrence_rule;
      const expanded = expandRule(
        { rrule: rule.rrule, dtstart: rule.dtstart, timezone: rule.timezone },
        { after: new Date(NOW), limit: 4 },
      );
      if (!expanded.ok) throw new Error(expanded.problem.message);
      const occurrences = expanded.value.map((d) => d.toISOString());
      // Dec, Jan and Feb in EST (UTC-5); the clocks go forward on 14 March 2027, so March's is EDT (UTC-4).
      expect(occurrences).toEqual([
        "2026-12-19T00:00:00.000Z",
        "2027-01-16T00:00:00.000Z",
        "2027-02-20T00:00:00.000Z",
        "2027-03-19T23:00:00.000Z",
      ]);
    } finally {
      await backend.close();
    }
  });
});
