import { describe, expect, test } from "bun:test";
import { normalizeRecurrence } from "../../recurrence/normalize-recurrence.ts";
import { localDateOf } from "../../time/zoned.ts";
import type { Intent, Recurrence, TaskRef } from "./intent.ts";
import { interpret } from "./interpret.ts";
import { firstMatchingDay } from "./schedule/recurrence.ts";

// Saturday 2026-11-28, 11:00 in Berlin.
const NOW = new Date("2026-11-28T10:00:00Z");
const ZONE = "Europe/Berlin";
const read = (message: string) => interpret(message, { now: NOW, zone: ZONE });
const title = (text: string): TaskRef => ({ kind: "title", text });

function recurrenceOf(intent: Intent): Recurrence {
  if (intent.type === "add" && intent.recurrence) return intent.recurrence;
  if (intent.type === "make_recurring") return intent.recurrence;
  throw new Error(`no recurrence in ${JSON.stringify(intent)}`);
}

describe("schedules in a new task", () => {
  test.each<[string, string, string, string, string?]>([
    [
      "water the plants every other day",
      "water the plants",
      "FREQ=DAILY;INTERVAL=2",
      "every other day",
      "2026-11-28",
    ],
    [
      "every other week on Tuesday team sync",
      "team sync",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
      "every other week on Tuesday",
      "2026-12-01",
    ],
    [
      "every 3 days at 7pm take vitamins",
      "take vitamins",
      "FREQ=DAILY;INTERVAL=3;BYHOUR=19;BYMINUTE=0",
      "every 3 days at 7 PM",
    ],
    [
      "every Monday and Thursday at 6pm gym",
      "gym",
      "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=18;BYMINUTE=0",
      "every Monday and Thursday at 6 PM",
    ],
    [
      "gym Mon, Wed and Fri at 7am",
      "gym",
      "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=7;BYMINUTE=0",
      "every Monday, Wednesday and Friday at 7 AM",
    ],
    [
      "mondays and thursdays yoga",
      "yoga",
      "FREQ=WEEKLY;BYDAY=MO,TH",
      "every Monday and Thursday",
      "2026-11-30",
    ],
    [
      "every Tuesday and Friday at 14:00 report",
      "report",
      "FREQ=WEEKLY;BYDAY=TU,FR;BYHOUR=14;BYMINUTE=0",
      "every Tuesday and Friday at 2 PM",
    ],
    [
      "weekly on Monday and Wednesday swim",
      "swim",
      "FREQ=WEEKLY;BYDAY=MO,WE",
      "every Monday and Wednesday",
      "2026-11-30",
    ],
    [
      "standup on weekdays at 9:15",
      "standup",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=15",
      "every weekday at 9:15 AM",
    ],
    [
      "Mon-Fri at 8 commute",
      "commute",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0",
      "every weekday at 8 AM",
    ],
    [
      "clean the house on weekends",
      "clean the house",
      "FREQ=WEEKLY;BYDAY=SA,SU",
      "every weekend day",
      "2026-11-28",
    ],
    [
      "the first Monday of every month review budget",
      "review budget",
      "FREQ=MONTHLY;BYDAY=1MO",
      "every month on the first Monday",
      "2026-12-07",
    ],
    [
      "last Friday of the month pay invoices",
      "pay invoices",
      "FREQ=MONTHLY;BYDAY=-1FR",
      "every month on the last Friday",
      "2026-12-25",
    ],
    [
      "every last Friday of the month at 5pm pay invoices",
      "pay invoices",
      "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17;BYMINUTE=0",
      "every month on the last Friday at 5 PM",
    ],
    [
      "every second Tuesday of the month book club",
      "book club",
      "FREQ=MONTHLY;BYDAY=2TU",
      "every month on the second Tuesday",
      "2026-12-08",
    ],
    [
      "every other Tuesday book club",
      "book club",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
      "every other week on Tuesday",
      "2026-12-01",
    ],
    [
      "pay bills on the 15th of every month",
      "pay bills",
      "FREQ=MONTHLY;BYMONTHDAY=15",
      "every month on the 15th",
      "2026-12-15",
    ],
    [
      "every month on the last day backup",
      "backup",
      "FREQ=MONTHLY;BYMONTHDAY=-1",
      "every month on the last day",
      "2026-11-30",
    ],
    [
      "every 1st and 15th payroll",
      "payroll",
      "FREQ=MONTHLY;BYMONTHDAY=1,15",
      "every month on the 1st and 15th",
      "2026-12-01",
    ],
    [
      "every 2 months on the 10th haircut",
      "haircut",
      "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=10",
      "every other month on the 10th",
      "2026-12-10",
    ],
    [
      "add clean gutters every 6 months",
      "clean gutters",
      "FREQ=MONTHLY;INTERVAL=6",
      "every 6 months",
      "2026-11-28",
    ],
    [
      "every year on March 5 mom's birthday",
      "mom's birthday",
      "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5",
      "every year on March 5",
      "2027-03-05",
    ],
    [
      "every Dec 25 christmas",
      "christmas",
      "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25",
      "every year on December 25",
      "2026-12-25",
    ],
    [
      "biweekly on Friday payday",
      "payday",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
      "every other week on Friday",
      "2026-12-04",
    ],
    ["meditate every morning", "meditate", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "every day at 9 AM"],
    ["each day at noon lunch", "lunch", "FREQ=DAILY;BYHOUR=12;BYMINUTE=0", "every day at 12 PM"],
    ["every evening read", "read", "FREQ=DAILY;BYHOUR=19;BYMINUTE=0", "every day at 7 PM"],
    ["every afternoon walk the dog", "walk the dog", "FREQ=DAILY;BYHOUR=12;BYMINUTE=0", "every day at 12 PM"],
    ["every night floss", "floss", "FREQ=DAILY;BYHOUR=22;BYMINUTE=0", "every day at 10 PM"],
    ["every weekend clean the car", "clean the car", "FREQ=WEEKLY;BYDAY=SA", "every Saturday", "2026-11-28"],
    ["buy milk every week", "buy milk", "FREQ=WEEKLY", "every week", "2026-11-28"],
    [
      "every other monday call grandma",
      "call grandma",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
      "every other week on Monday",
      "2026-11-30",
    ],
    ["every morning at 7 run", "run", "FREQ=DAILY;BYHOUR=7;BYMINUTE=0", "every day at 7 AM"],
    ["every evening at 7:30 read", "read", "FREQ=DAILY;BYHOUR=19;BYMINUTE=30", "every day at 7:30 PM"],
    [
      "every 2nd and 4th Tuesday standup",
      "standup",
      "FREQ=MONTHLY;BYDAY=2TU,4TU",
      "every month on the second Tuesday and fourth Tuesday",
      "2026-12-08",
    ],
    [
      "every third Thursday of the month at 7pm book club",
      "book club",
      "FREQ=MONTHLY;BYDAY=3TH;BYHOUR=19;BYMINUTE=0",
      "every month on the third Thursday at 7 PM",
    ],
    [
      "add take vitamins daily at 8am",
      "take vitamins",
      "FREQ=DAILY;BYHOUR=8;BYMINUTE=0",
      "every day at 8 AM",
    ],
    [
      "add backup laptop every Sunday night",
      "backup laptop",
      "FREQ=WEEKLY;BYDAY=SU;BYHOUR=22;BYMINUTE=0",
      "every Sunday at 10 PM",
    ],
    [
      "add pick up kids from school every weekday at 3pm",
      "pick up kids from school",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=15;BYMINUTE=0",
      "every weekday at 3 PM",
    ],
    [
      "Every 2 weeks pay the cleaner",
      "pay the cleaner",
      "FREQ=WEEKLY;INTERVAL=2",
      "every other week",
      "2026-11-28",
    ],
    [
      "every weekday except friday standup",
      "standup",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH",
      "every Monday, Tuesday, Wednesday and Thursday",
      "2026-11-30",
    ],
    [
      "add standup every day at 9 except weekends",
      "standup",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0",
      "every weekday at 9 AM",
    ],
    [
      "Add a weekly task to clean the bathroom every Saturday",
      "clean the bathroom",
      "FREQ=WEEKLY;BYDAY=SA",
      "every Saturday",
      "2026-11-28",
    ],
    [
      "add a monthly task to pay rent on the 1st",
      "pay rent",
      "FREQ=MONTHLY;BYMONTHDAY=1",
      "every month on the 1st",
      "2026-12-01",
    ],
    [
      "Create a recurring task to pay rent on the 1st of every month",
      "pay rent",
      "FREQ=MONTHLY;BYMONTHDAY=1",
      "every month on the 1st",
      "2026-12-01",
    ],
    ["add a daily task to meditate", "meditate", "FREQ=DAILY", "every day", "2026-11-28"],
    [
      "Schedule team meeting every Tuesday at 10am",
      "team meeting",
      "FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0",
      "every Tuesday at 10 AM",
    ],
    [
      "gym every mon wed fri at 7am",
      "gym",
      "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=7;BYMINUTE=0",
      "every Monday, Wednesday and Friday at 7 AM",
    ],
    [
      "water the plants every other sunday morning",
      "water the plants",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;BYHOUR=9;BYMINUTE=0",
      "every other week on Sunday at 9 AM",
    ],
    ["yearly: renew domain on march 3", "renew domain", "FREQ=YEARLY", "every year", "2027-03-03"],
    [
      "monthly pay rent on the 1st",
      "pay rent",
      "FREQ=MONTHLY;BYMONTHDAY=1",
      "every month on the 1st",
      "2026-12-01",
    ],
    [
      "take my meds every morning and evening",
      "take my meds",
      "FREQ=DAILY;BYHOUR=9,19;BYMINUTE=0",
      "every day at 9 AM and 7 PM",
    ],
    [
      "take my meds at 8 every morning and evening",
      "take my meds",
      "FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0",
      "every day at 8 AM and 8 PM",
    ],
    [
      "weekday mornings check email",
      "check email",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0",
      "every weekday at 9 AM",
    ],
    [
      "take meds every day at 8am and 8pm",
      "take meds",
      "FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0",
      "every day at 8 AM and 8 PM",
    ],
    [
      "every monday at 9 and 5pm check the mail",
      "check the mail",
      "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9,17;BYMINUTE=0",
      "every Monday at 9 AM and 5 PM",
    ],
  ])(
    "%p is the task %p repeating %p, which the API reads as %p, date-only from %p when no time is said",
    (message, taskTitle, rrule, text, ...dateOnly) => {
      // A rest parameter, not a fifth one: bun would pass its `done` callback where a row has four values.
      const dtstart = dateOnly[0];
      const intent = read(message);
      expect(intent).toEqual({
        type: "add",
        title: taskTitle,
        recurrence: dtstart ? { rrule, dtstart } : { rrule },
      });
      expect(normalizeRecurrence(recurrenceOf(intent), ZONE, NOW).text).toBe(text);
    },
  );

  test.each<[string, Recurrence, string]>([
    [
      "every day at 7 until Dec 31 stretch",
      { rrule: "FREQ=DAILY;BYHOUR=7;BYMINUTE=0", until: "2026-12-31T22:59:59.000Z" },
      "every day at 7 AM, until 2026-12-31",
    ],
    [
      "add standup every weekday starting next Monday",
      { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", dtstart: "2026-11-30" },
      "every weekday",
    ],
    [
      "add review every Monday starting jan 15 at 10am",
      { rrule: "FREQ=WEEKLY;BYDAY=MO", dtstart: "2027-01-15T10:00:00" },
      "every Monday at 10 AM",
    ],
    [
      "add review every Monday starting jan 15",
      { rrule: "FREQ=WEEKLY;BYDAY=MO", dtstart: "2027-01-18" },
      "every Monday",
    ],
    [
      "add physio every Tuesday for 6 weeks",
      { rrule: "FREQ=WEEKLY;BYDAY=TU", dtstart: "2026-12-01", until: "2027-01-08T22:59:59.000Z" },
      "every Tuesday, until 2027-01-08",
    ],
    [
      "add yoga every Monday 10 times",
      { rrule: "FREQ=WEEKLY;BYDAY=MO", dtstart: "2026-11-30", count: 10 },
      "every Monday, 10 times",
    ],
    [
      "every Friday at 5pm starting Dec 4 until Dec 25 review the week",
      {
        rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=17;BYMINUTE=0",
        dtstart: "2026-12-04T17:00:00",
        until: "2026-12-25T22:59:59.000Z",
      },
      "every Friday at 5 PM, until 2026-12-25",
    ],
  ])("%p keeps its start and end, in the user's zone", (message, recurrence, text) => {
    const intent = read(message);
    expect(recurrenceOf(intent)).toEqual(recurrence);
    expect(normalizeRecurrence(recurrence, ZONE, NOW).text).toBe(text);
  });

  test.each<[string, string, string]>([
    [
      "every Monday and Thursday remind me to take out the trash",
      "take out the trash",
      "FREQ=WEEKLY;BYDAY=MO,TH",
    ],
    [
      "every week on Friday at 17:00 remind me to review the week",
      "review the week",
      "FREQ=WEEKLY;BYDAY=FR;BYHOUR=17;BYMINUTE=0",
    ],
    ["add standup every monday at 9 and remind me", "standup", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"],
  ])(
    "%p reminds the user at each occurrence, so the series keeps a time of day (9 AM when none is said)",
    (message, taskTitle, rrule) => {
      expect(read(message)).toEqual({
        type: "add",
        title: taskTitle,
        recurrence: { rrule },
        remind_each_time: true,
      });
    },
  );

  test.each(["add submit weekly report", "add daily standup notes"])(
    "in %p the frequency word is part of the title",
    (message) => {
      expect(read(message)).toMatchObject({ type: "add" });
      expect(read(message)).not.toHaveProperty("recurrence");
    },
  );
});

describe("making a task repeat", () => {
  test.each<[string, TaskRef, string, string?]>([
    [
      "make standup recurring every Monday at 9",
      title("standup"),
      "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
    ],
    [
      "repeat water the plants every 3 days",
      title("water the plants"),
      "FREQ=DAILY;INTERVAL=3",
      "2026-11-28",
    ],
    ["make call mom weekly", title("call mom"), "FREQ=WEEKLY", "2026-11-28"],
    ["make pay rent a monthly task", title("pay rent"), "FREQ=MONTHLY", "2026-11-28"],
    [
      "set standup to repeat every weekday at 9:30",
      title("standup"),
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30",
    ],
    [
      "water the plants should repeat every Sunday",
      title("water the plants"),
      "FREQ=WEEKLY;BYDAY=SU",
      "2026-11-29",
    ],
    ["make it repeat daily", { kind: "pronoun" }, "FREQ=DAILY", "2026-11-28"],
  ])(
    "%p makes the task recurring (date-only from %p when no time is said)",
    (message, target, rrule, ...dateOnly) => {
      const dtstart = dateOnly[0];
      const intent = read(message);
      expect(intent).toEqual({
        type: "make_recurring",
        target,
        recurrence: dtstart ? { rrule, dtstart } : { rrule },
      });
      expect(() => normalizeRecurrence(recurrenceOf(intent), ZONE, NOW)).not.toThrow();
    },
  );

  test.each([
    ["make standup recurring", "standup"],
    ["create a recurring task to water plants", "water plants"],
  ])("%p has no schedule, so it asks how often %p should repeat", (message, taskTitle) => {
    expect(read(message)).toMatchObject({
      type: "clarify",
      about: "schedule",
      question: `How often should "${taskTitle}" repeat? For example "every Monday at 9 AM" or "monthly on the 1st".`,
    });
  });
});

describe("stopping a series", () => {
  test.each<[string, TaskRef]>([
    ["Stop the weekly standup reminder", title("standup")],
    ["stop the daily standup", title("standup")],
    ["cancel the recurring standup task", title("standup")],
    ["stop repeating standup", title("standup")],
    ["standup should no longer repeat", title("standup")],
    ["end the standup series", title("standup")],
    ["don't repeat standup anymore", title("standup")],
    ["make standup a one-off", title("standup")],
    ["cancel the recurrence of water the plants", title("water the plants")],
    ["Stop my daily reminder to take pills", title("take pills")],
  ])("%p cancels the series of the task", (message, target) => {
    expect(read(message)).toMatchObject({ type: "cancel_recurrence", target });
  });

  test.each([
    ["Stop the weekly standup reminder", "weekly"],
    ["stop the daily standup", "daily"],
    ["cancel the monthly rent reminder", "monthly"],
  ])("%p keeps %p, to tell a daily from a weekly series of the same name", (message, frequency) => {
    expect(read(message)).toMatchObject({ frequency });
  });
});

describe("schedules that cannot be read", () => {
  test("two times of day at different minutes are asked about, never filed as one", () => {
    expect(read("take meds every day at 8am and 8:30pm")).toMatchObject({
      type: "clarify",
      about: "schedule",
      question: expect.stringContaining("only at the same minutes past the hour"),
    });
  });

  test.each([
    ["every blursday do stuff", "every blursday"],
    ["make standup repeat every blursday", "every blursday"],
    ["add stretch every wek", "every wek"],
    ["every mondy at 9 call grandma", "every mondy"],
    ["every February 30 call mom", "every February 30"],
  ])("%p asks what schedule was meant, quoting %p", (message, phrase) => {
    const intent = read(message);
    expect(intent).toMatchObject({ type: "clarify", about: "schedule" });
    expect(intent.type === "clarify" && intent.question).toContain(`"${phrase}"`);
  });

  test.each([
    "every hour drink water",
    "add water plants twice a week",
    "remind me every 30 minutes to blink",
  ])("%p is a schedule the product cannot keep, so it asks", (message) => {
    expect(read(message)).toMatchObject({ type: "clarify", about: "schedule" });
  });
});

describe("every schedule the interpreter writes is one the API accepts", () => {
  const SCHEDULES = [
    "Every Monday at 9 AM add a standup task",
    "Every Friday at 2 PM remind me to submit my weekly report",
    "every weekday at 8:30 check email",
    "pay rent monthly on the 1st",
    "every other week on Tuesday team sync",
    "last Friday of the month pay invoices",
    "every 1st and 15th payroll",
    "every year on March 5 mom's birthday",
    "every day at 2:30 am feed the cat",
    "every Sunday at 1:30 am backup",
    "add physio every Tuesday for 6 weeks",
    "every weekday starting next Monday until Dec 31 standup",
    "add yoga every Monday 10 times",
    "every month on the 31st pay bills",
  ];
  const CLOCKS: [string, string][] = [
    ["Europe/Berlin", "2026-03-28T10:00:00Z"],
    ["Europe/Berlin", "2026-10-24T23:30:00Z"],
    ["America/Los_Angeles", "2026-03-07T18:00:00Z"],
    ["America/Los_Angeles", "2026-11-01T07:30:00Z"],
    ["Pacific/Auckland", "2026-04-04T10:00:00Z"],
    ["Asia/Kolkata", "2026-11-28T10:00:00Z"],
  ];

  test.each(CLOCKS)(
    "in %s at %s, each is accepted and starts in the future (a date-only one today at the earliest)",
    (zone, nowText) => {
      const now = new Date(nowText);
      const today = localDateOf(now, zone);
      for (const message of SCHEDULES) {
        const normalized = normalizeRecurrence(recurrenceOf(interpret(message, { now, zone })), zone, now);
        if (normalized.dateOnly) expect(localDateOf(normalized.firstOccurrence, zone) >= today).toBe(true);
        else expect(normalized.firstOccurrence.getTime()).toBeGreaterThanOrEqual(now.getTime());
      }
    },
  );

  test.each([
    [
      "every day until yesterday stretch",
      'I can\'t set up "every day": it has no occurrence in the future. What schedule did you mean?',
    ],
  ])("%p never comes round, so it is asked about rather than saved", (message, question) => {
    expect(read(message)).toMatchObject({ type: "clarify", about: "schedule", question });
  });
});

describe("the first day of a date-only series", () => {
  // Wednesday 2026-12-02: "every other Monday" starts on the coming Monday, not on the one after,
  // wherever the rule names its INTERVAL.
  test.each([
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
    "INTERVAL=2;FREQ=WEEKLY;BYDAY=MO",
    "BYDAY=MO;INTERVAL=2;FREQ=WEEKLY",
  ])("%p from Wednesday 2026-12-02 starts on Monday 2026-12-07", (rrule) => {
    expect(firstMatchingDay(rrule, "2026-12-02")).toBe("2026-12-07");
  });
});
