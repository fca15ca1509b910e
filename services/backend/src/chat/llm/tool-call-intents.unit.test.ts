import { describe, expect, test } from "bun:test";
import { intentsOfToolCalls, InvalidToolCall } from "./tool-call-intents.ts";

// Saturday 2026-11-28 10:00 UTC.
const now = new Date("2026-11-28T10:00:00Z");
const read = (zone: string, ...calls: Array<[string, unknown]>) =>
  intentsOfToolCalls(
    calls.map(([name, args]) => ({ name, arguments: JSON.stringify(args) })),
    { now, zone },
  );

describe("tool calls become the same intents the rules produce", () => {
  test("a recurring add with a start, an end and a reminder each time", () => {
    const [intent] = read("Europe/London", [
      "add_task",
      {
        title: "pay rent",
        recurrence: {
          rrule: "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=8;BYMINUTE=30",
          starts_on: "2027-01-01",
          until: "2027-06-30",
        },
        remind_each_time: true,
      },
    ]);
    expect(intent).toEqual({
      type: "add",
      title: "pay rent",
      recurrence: {
        rrule: "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=8;BYMINUTE=30",
        dtstart: "2027-01-01T08:30:00",
        until: "2027-06-30T22:59:59.000Z",
      },
      remind_each_time: true,
    });
  });

  test("a rule with no time of day is a date-only series from its first day, as the rules read it; a reminder each time keeps 9 AM", () => {
    expect(
      read("Europe/Berlin", [
        "add_task",
        { title: "buy milk", recurrence: { rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" } },
      ]),
    ).toEqual([
      {
        type: "add",
        title: "buy milk",
        recurrence: { rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", dtstart: "2026-11-30" },
      },
    ]);
    expect(
      read("Europe/Berlin", [
        "make_recurring",
        { task: "it", recurrence: { rrule: "FREQ=MONTHLY;BYMONTHDAY=15", starts_on: "2027-01-01" } },
      ]),
    ).toEqual([
      {
        type: "make_recurring",
        target: { kind: "pronoun" },
        recurrence: { rrule: "FREQ=MONTHLY;BYMONTHDAY=15", dtstart: "2027-01-15" },
      },
    ]);
    expect(
      read("Europe/Berlin", [
        "add_task",
        { title: "water plants", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO" }, remind_each_time: true },
      ]),
    ).toEqual([
      {
        type: "add",
        title: "water plants",
        recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO" },
        remind_each_time: true,
      },
    ]);
  });

  test("a rule's hour without a minute starts on its first day at that hour; a reminder each time with no hour starts at 9 AM", () => {
    const starting = (rrule: string, remind_each_time?: boolean) =>
      read("Europe/Berlin", [
        "add_task",
        { title: "stretch", recurrence: { rrule, starts_on: "2027-01-04" }, remind_each_time },
      ])[0] as { recurrence: { dtstart: string } };
    expect(starting("FREQ=DAILY;BYHOUR=7").recurrence.dtstart).toBe("2027-01-04T07:00:00");
    expect(starting("FREQ=DAILY", true).recurrence.dtstart).toBe("2027-01-04T09:00:00");
  });

  test('undo_last_change is the same undo the rules read from "undo"', () => {
    expect(read("UTC", ["undo_last_change", {}])).toEqual([{ type: "undo" }]);
  });

  test("'it' and 'that one' name the task last talked about; tags are lowercased", () => {
    expect(
      read(
        "UTC",
        ["add_tags", { task: "it", tags: ["Work"] }],
        ["complete_task", { task: "that one" }],
        ["delete_task", { task: "Call Mom" }],
      ),
    ).toEqual([
      { type: "add_tags", target: { kind: "pronoun" }, tags: ["work"] },
      { type: "complete", target: { kind: "pronoun" } },
      { type: "delete", target: { kind: "title", text: "Call Mom" } },
    ]);
  });

  test.each([
    // [zone, local wall time, instant]: the adapter, not the model, does the zone arithmetic.
    ["America/New_York", "2026-11-02T14:00", "2026-11-02T19:00:00.000Z"], // the day after fall-back: EST
    ["America/New_York", "2026-10-30T14:00", "2026-10-30T18:00:00.000Z"], // the Friday before: EDT
    ["Europe/London", "2027-03-28T01:30", "2027-03-28T01:30:00.000Z"], // inside the spring-forward gap: 02:30 BST, moved forward by the gap
    ["Australia/Sydney", "2026-12-01T09:00", "2026-11-30T22:00:00.000Z"], // AEDT, UTC+11
    ["Asia/Kolkata", "2026-11-29T09:00", "2026-11-29T03:30:00.000Z"], // the half-hour offset
  ])("a reminder at %s local %s is the instant %s", (zone, wall, instant) => {
    expect(read(zone, ["set_reminder", { task: "dentist", at: wall }])).toEqual([
      { type: "set_reminder", target: { kind: "title", text: "dentist" }, at: instant },
    ]);
  });

  test("a list call is the rules' list intent, with the words for 'No … found'", () => {
    expect(read("UTC", ["list_tasks", { priority: ["low"], tags: ["Garden"] }])).toEqual([
      {
        type: "list",
        filters: { priority: ["low"], tags: ["garden"] },
        phrase: "low-priority tasks tagged garden",
      },
    ]);
  });

  test("removing a due date and asking a question back", () => {
    expect(
      read("UTC", ["set_due_date", { task: "x", due_date: null }], ["ask_user", { question: "Which week?" }]),
    ).toEqual([
      { type: "set_due", target: { kind: "title", text: "x" }, due: null },
      { type: "clarify", about: "unknown", question: "Which week?" },
    ]);
  });
});

describe("a bad call refuses the whole turn", () => {
  test.each([
    ["unknown tool", ["make_coffee", {}]],
    ["missing title", ["add_task", {}]],
    ["empty title", ["add_task", { title: "" }]],
    ["priority word", ["set_priority", { task: "x", priority: "p1" }]],
    ["time with no date", ["add_task", { title: "x", due_time: "14:00" }]],
    ["13th month", ["set_due_date", { task: "x", due_date: "2026-13-01" }]],
    ["UTC instant instead of a wall time", ["set_reminder", { task: "x", at: "2026-12-01T09:00:00Z" }]],
    ["sub-daily rule", ["make_recurring", { task: "x", recurrence: { rrule: "FREQ=HOURLY" } }]],
    [
      "a series that never comes round",
      ["make_recurring", { task: "x", recurrence: { rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" } }],
    ],
    [
      "a series that ended",
      ["make_recurring", { task: "x", recurrence: { rrule: "FREQ=DAILY", until: "2026-01-01" } }],
    ],
  ] as Array<[string, [string, unknown]]>)("%s", (_, call) => {
    expect(() => read("UTC", ["add_task", { title: "fine" }], call)).toThrow(InvalidToolCall);
  });
});
