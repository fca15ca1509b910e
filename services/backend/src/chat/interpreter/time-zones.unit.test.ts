import { describe, expect, test } from "bun:test";
import { normalizeRecurrence } from "../../recurrence/normalize-recurrence.ts";
import type { Intent } from "./intent.ts";
import { interpret } from "./interpret.ts";

const at = (zone: string, now: string) => (message: string) =>
  interpret(message, { now: new Date(now), zone });
const reminderAt = (intent: Intent) =>
  intent.type === "set_reminder" ? intent.at : intent.type === "add" ? intent.reminder_at : undefined;
const DENTIST = "remind me about the dentist appointment tomorrow at 9 AM";
const NIGHT_FEED = "remind me tomorrow at 2:30 am to feed the cat";

describe("dates are read in the user's zone, across DST changes", () => {
  test.each([
    // [zone, now, what "tomorrow at 9 AM" is, what "tomorrow at 2:30 AM" is, why]
    [
      "America/Los_Angeles",
      "2026-03-07T18:00:00Z",
      "2026-03-08T16:00:00.000Z",
      "2026-03-08T10:30:00.000Z",
      "spring forward: 2:30 does not exist, it moves to 3:30 PDT",
    ],
    [
      "Europe/Berlin",
      "2026-03-28T10:00:00Z",
      "2026-03-29T07:00:00.000Z",
      "2026-03-29T01:30:00.000Z",
      "spring forward: 9 AM is CEST, 2:30 moves to 3:30 CEST",
    ],
    [
      "Europe/Berlin",
      "2026-10-24T10:00:00Z",
      "2026-10-25T08:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "fall back: 2:30 happens twice, the earlier (CEST) one counts",
    ],
    [
      "Pacific/Auckland",
      "2026-04-04T10:00:00Z",
      "2026-04-04T21:00:00.000Z",
      "2026-04-04T13:30:00.000Z",
      "fall back on the other side of the world, a UTC day earlier",
    ],
    [
      "Pacific/Auckland",
      "2026-09-26T10:00:00Z",
      "2026-09-26T20:00:00.000Z",
      "2026-09-26T14:30:00.000Z",
      "spring forward in NZ: 2:30 moves to 3:30 NZDT",
    ],
    [
      "Asia/Kolkata",
      "2026-11-28T10:00:00Z",
      "2026-11-29T03:30:00.000Z",
      "2026-11-28T21:00:00.000Z",
      "a half-hour offset and no DST",
    ],
  ])("in %s at %s, tomorrow 9 AM is %s and 2:30 AM is %s (%s)", (zone, now, nine, twoThirty) => {
    const read = at(zone, now);
    expect(read(DENTIST)).toEqual({
      type: "set_reminder",
      target: { kind: "title", text: "dentist appointment" },
      at: nine,
    });
    expect(reminderAt(read(NIGHT_FEED))).toBe(twoThirty);
  });

  test("'in 2 hours' is two real hours even when the clocks fall back in between", () => {
    // 00:30 PDT on 2026-11-01; two hours later the wall clock says 01:30 PST.
    const read = at("America/Los_Angeles", "2026-11-01T07:30:00Z");
    expect(read("remind me in 2 hours to stretch")).toEqual({
      type: "add",
      title: "stretch",
      reminder_at: "2026-11-01T09:30:00.000Z",
    });
    expect(read("add stretch in 2 hours")).toEqual({
      type: "add",
      title: "stretch",
      due: { date: "2026-11-01", time: "01:30" },
    });
  });

  test("'in 2 hours' across a spring-forward gap lands on the new wall time", () => {
    // 01:30 CET on 2026-03-29; two hours later it is 04:30 CEST.
    const read = at("Europe/Berlin", "2026-03-29T00:30:00Z");
    expect(read("add stretch in 2 hours")).toEqual({
      type: "add",
      title: "stretch",
      due: { date: "2026-03-29", time: "04:30" },
    });
  });

  test("'tomorrow' is the user's tomorrow, not the server's", () => {
    // 22:00 on Friday 27 November in Los Angeles is already Saturday in UTC.
    const read = at("America/Los_Angeles", "2026-11-28T06:00:00Z");
    expect(read("add call mom tomorrow")).toEqual({
      type: "add",
      title: "call mom",
      due: { date: "2026-11-28" },
    });
    expect(read("what's due today")).toMatchObject({
      filters: { due_from: "2026-11-27", due_to: "2026-11-27" },
    });
  });

  test("'this week' is the user's Monday to Sunday", () => {
    // 01:00 on Monday 30 November in Auckland is still Sunday in UTC.
    expect(at("Pacific/Auckland", "2026-11-29T12:00:00Z")("what's due this week")).toMatchObject({
      filters: { due_from: "2026-11-30", due_to: "2026-12-06" },
    });
    // Sunday in UTC: the week is ending, so "due this week" is the days ahead, through next Sunday.
    expect(at("UTC", "2026-11-29T12:00:00Z")("what's due this week")).toMatchObject({
      filters: { due_from: "2026-11-29", due_to: "2026-12-06" },
    });
    expect(at("UTC", "2026-11-28T12:00:00Z")("what's due this week")).toMatchObject({
      filters: { due_from: "2026-11-23", due_to: "2026-11-29" },
    });
  });

  test("a weekly schedule made before spring forward keeps 9 AM local after it", () => {
    const now = new Date("2026-03-28T10:00:00Z");
    const intent = interpret("Every Monday at 9 AM add a standup task", { now, zone: "Europe/Berlin" });
    if (intent.type !== "add" || !intent.recurrence) throw new Error("expected a recurring add");
    expect(normalizeRecurrence(intent.recurrence, "Europe/Berlin", now).firstOccurrence.toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
  });

  test("'until Dec 31' ends the series at the end of that day in the user's zone", () => {
    const intent = at("Pacific/Auckland", "2026-11-28T10:00:00Z")("every day at 7 until Dec 31 stretch");
    expect(intent).toMatchObject({ recurrence: { until: "2026-12-31T10:59:59.000Z" } }); // 23:59:59 NZDT
  });
});

describe("the server's own zone changes nothing", () => {
  const MESSAGES = [
    DENTIST,
    NIGHT_FEED,
    "remind me in 2 hours to stretch",
    "add call mom next Friday at 5pm",
    "at 9 am remind me to call mom",
    "what's due this week",
  ];

  test.each(["America/New_York", "Asia/Kathmandu", "Pacific/Chatham", "Europe/London"])(
    "a process running in %s reads every message as one running in UTC",
    (processZone) => {
      const cases: [string, string][] = [
        ["Europe/Berlin", "2026-03-28T10:00:00Z"],
        ["America/Los_Angeles", "2026-11-01T07:30:00Z"],
        ["Pacific/Auckland", "2026-09-26T13:30:00Z"],
      ];
      const readAll = () => cases.flatMap(([zone, now]) => MESSAGES.map((message) => at(zone, now)(message)));
      const previous = process.env.TZ;
      try {
        process.env.TZ = "UTC";
        const expected = readAll();
        process.env.TZ = processZone;
        expect(new Date(2026, 6, 1).getTimezoneOffset()).not.toBe(0); // the switch took effect (July: London is on BST)
        expect(readAll()).toEqual(expected);
      } finally {
        if (previous === undefined) delete process.env.TZ;
        else process.env.TZ = previous;
      }
    },
  );
});
