import { describe, expect, test } from "bun:test";
import { normalizeRecurrence } from "../../recurrence/normalize-recurrence.ts";
import type { Intent } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Paraphrases of the same request in several zones, on dates around DST changes: the wall-clock
// time the user said must be the one that fires, whatever the offset that day.
const read = (message: string, zone: string, now: string) => interpret(message, { now: new Date(now), zone });
const firstOccurrence = (intent: Intent, zone: string, now: string) => {
  if (intent.type !== "add" || !intent.recurrence)
    throw new Error(`no recurrence in ${JSON.stringify(intent)}`);
  return normalizeRecurrence(intent.recurrence, zone, new Date(now)).firstOccurrence.toISOString();
};

const FRIDAY_AT_TWO = [
  "Every Friday at 2 PM remind me to submit my weekly report",
  "every friday at 2pm remind me to submit my weekly report",
  "remind me to submit my weekly report every Friday at 14:00",
  "submit my weekly report every Friday at 2 in the afternoon",
  "pls add submit my weekly report, every fri at 2:00 pm",
  "each Friday @ 2pm: submit my weekly report",
];

describe("'every Friday at 2 PM' in New York across the November DST change", () => {
  test.each(FRIDAY_AT_TWO)("%s", (message) => {
    const intent = read(message, "America/New_York", "2026-10-28T12:00:00Z");
    expect(intent).toMatchObject({ type: "add", title: "submit my weekly report" });
    // Friday 30 October 14:00 EDT (UTC-4), and after the change on 1 November, 6 November 14:00 EST (UTC-5).
    expect(firstOccurrence(intent, "America/New_York", "2026-10-28T12:00:00Z")).toBe(
      "2026-10-30T18:00:00.000Z",
    );
    expect(firstOccurrence(intent, "America/New_York", "2026-10-31T12:00:00Z")).toBe(
      "2026-11-06T19:00:00.000Z",
    );
  });
});

describe("London in March: the clocks go forward on Sunday 28 March 2027", () => {
  test.each([
    "every day at 9am water the plants",
    "water the plants daily at 9",
    "water the plants every morning at 9:00",
    "each day at 09:00 water the plants",
  ])("%s keeps 9 AM local", (message) => {
    const intent = read(message, "Europe/London", "2027-03-26T12:00:00Z");
    expect(intent).toMatchObject({ type: "add", title: "water the plants" });
    expect(firstOccurrence(intent, "Europe/London", "2027-03-26T10:00:00Z")).toBe("2027-03-27T09:00:00.000Z"); // Saturday 09:00 GMT
    expect(firstOccurrence(intent, "Europe/London", "2027-03-27T10:00:00Z")).toBe("2027-03-28T08:00:00.000Z"); // Sunday 09:00 BST
  });
  test("a time inside the skipped hour moves forward by the gap", () => {
    const intent = read(
      "every Sunday at 1:30 AM back up the laptop",
      "Europe/London",
      "2027-03-22T12:00:00Z",
    );
    expect(firstOccurrence(intent, "Europe/London", "2027-03-22T12:00:00Z")).toBe("2027-03-28T01:30:00.000Z"); // 02:30 BST
  });
});

describe("Sydney: daylight time from October to April", () => {
  test.each([
    "every Monday at 8 AM add a standup task",
    "add a standup task every Monday at 8",
    "standup every monday 8am",
    "weekly on Monday at 8:00 add standup",
  ])("%s", (message) => {
    const intent = read(message, "Australia/Sydney", "2027-03-28T00:00:00Z");
    expect(intent).toMatchObject({ type: "add", title: "standup" });
    // Monday 29 March 08:00 AEDT (UTC+11); after daylight time ends on 4 April, 5 April 08:00 AEST (UTC+10).
    expect(firstOccurrence(intent, "Australia/Sydney", "2027-03-28T00:00:00Z")).toBe(
      "2027-03-28T21:00:00.000Z",
    );
    expect(firstOccurrence(intent, "Australia/Sydney", "2027-03-30T00:00:00Z")).toBe(
      "2027-04-04T22:00:00.000Z",
    );
  });
});

describe("Kolkata's half-hour offset", () => {
  test.each([
    ["Remind me about the dentist appointment tomorrow at 9 AM", "2026-11-29T03:30:00.000Z"],
    ["remind me tomorrow at 9am about the dentist appointment", "2026-11-29T03:30:00.000Z"],
    ["tomorrow at 9 remind me about the dentist appointment", "2026-11-29T03:30:00.000Z"],
    ["set a reminder for the dentist appointment tomorrow 9:30am", "2026-11-29T04:00:00.000Z"],
  ])("%s → %s", (message, at) => {
    expect(read(message, "Asia/Kolkata", "2026-11-28T10:00:00Z")).toMatchObject({
      type: "set_reminder",
      target: { kind: "title", text: "dentist appointment" },
      at,
    });
  });
  test.each([
    "pay rent monthly on the 1st",
    "pay rent on the 1st of every month",
    "every month on the 1st pay rent",
    "monthly on the first: pay rent",
  ])("%s is a date-only series whose first day is 1 December in IST", (message) => {
    const intent = read(message, "Asia/Kolkata", "2026-11-28T10:00:00Z");
    expect(intent).toMatchObject({ type: "add", title: "pay rent", recurrence: { dtstart: "2026-12-01" } });
    // A date-only occurrence is its local day, which begins at midnight IST (18:30 UTC the day before).
    expect(firstOccurrence(intent, "Asia/Kolkata", "2026-11-28T10:00:00Z")).toBe("2026-11-30T18:30:00.000Z");
  });
  test.each(["pay rent monthly on the 1st at 9", "at 9am every month on the 1st pay rent"])(
    "%s fires 9 AM IST on the 1st",
    (message) => {
      const intent = read(message, "Asia/Kolkata", "2026-11-28T10:00:00Z");
      expect(intent).toMatchObject({ type: "add", title: "pay rent" });
      expect(firstOccurrence(intent, "Asia/Kolkata", "2026-11-28T10:00:00Z")).toBe(
        "2026-12-01T03:30:00.000Z",
      );
    },
  );
});

describe("'today' and 'tomorrow' are the user's, not the server's", () => {
  // 23:30 UTC on Saturday is already Sunday in Tokyo and still Saturday in Los Angeles.
  test.each([
    ["Asia/Tokyo", "2026-11-30"],
    ["America/Los_Angeles", "2026-11-29"],
    ["Pacific/Kiritimati", "2026-11-30"],
  ])("'add renew passport tomorrow' in %s is due %s", (zone, date) => {
    expect(read("add renew passport tomorrow", zone, "2026-11-28T23:30:00Z")).toMatchObject({
      type: "add",
      title: "renew passport",
      due: { date },
    });
  });
});
