import { describe, expect, test } from "bun:test";
import { createMemoryTransport, Metrics } from "@todo/messaging";
import type { Database } from "@todo/messaging/db";
import { fixedClock, createLogger, DEFAULT_MAX_CALLBACK_BYTES } from "@todo/service-kit";
import { createApp } from "../src/app.ts";

// The preview needs no database: a stand-in that would fail loudly if anything reached it.
const noDatabase = new Proxy(
  {},
  {
    get: (_, prop) => {
      throw new Error(`the preview touched the database (${String(prop)})`);
    },
  },
) as Database;
const app = createApp({
  clock: fixedClock(new Date("2026-11-28T10:00:00Z")),
  database: noDatabase,
  transport: createMemoryTransport(),
  metrics: new Metrics(),
  limits: { maxBodyBytes: 64 * 1024 },
  maxCallbackBytes: DEFAULT_MAX_CALLBACK_BYTES,
  logger: createLogger({ service: "recurring" }),
});

async function preview(body: unknown): Promise<{ status: number; body: any }> {
  const res = await app.handle(
    new Request("http://localhost/v1/recurrences/preview", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return { status: res.status, body: await res.json() };
}

const fridays = { rrule: "FREQ=WEEKLY;BYDAY=FR", dtstart: "2026-12-04T14:00:00", timezone: "Europe/Berlin" };

describe("POST /v1/recurrences/preview", () => {
  test("lists the next 10 occurrences by default, as UTC instants ending in Z", async () => {
    const res = await preview(fridays);
    expect(res.status).toBe(200);
    expect(res.body.occurrences).toHaveLength(10);
    expect(res.body.occurrences.slice(0, 3)).toEqual([
      "2026-12-04T13:00:00Z",
      "2026-12-11T13:00:00Z",
      "2026-12-18T13:00:00Z",
    ]);
  });

  test("every Friday at 2 PM in Berlin stays 2 PM local when DST starts, so the UTC time moves by an hour", async () => {
    const res = await preview({ ...fridays, after: "2027-03-20T00:00:00Z", count: 3 });
    expect(res.body).toEqual({
      occurrences: ["2027-03-26T13:00:00Z", "2027-04-02T12:00:00Z", "2027-04-09T12:00:00Z"],
    });
  });

  test("count, after (exclusive) and until (inclusive) bound the list, and instants may carry any offset", async () => {
    const res = await preview({
      ...fridays,
      count: 5,
      after: "2026-12-11T14:00:00+01:00",
      until: "2027-01-01T13:00:00Z",
    });
    expect(res.body).toEqual({
      occurrences: ["2026-12-18T13:00:00Z", "2026-12-25T13:00:00Z", "2027-01-01T13:00:00Z"],
    });
  });

  test("a rule whose series has ended lists what is left, possibly nothing", async () => {
    expect(
      (await preview({ ...fridays, rrule: "FREQ=WEEKLY;BYDAY=FR;COUNT=2" })).body.occurrences,
    ).toHaveLength(2);
    expect(
      (await preview({ ...fridays, rrule: "FREQ=WEEKLY;BYDAY=FR;COUNT=2", after: "2027-01-01T00:00:00Z" }))
        .body,
    ).toEqual({ occurrences: [] });
  });

  test("up to 1000 occurrences can be listed", async () => {
    const res = await preview({
      rrule: "FREQ=DAILY",
      dtstart: "2026-12-01T09:00:00",
      timezone: "Asia/Kolkata",
      count: 1000,
    });
    expect(res.body.occurrences).toHaveLength(1000);
    expect(res.body.occurrences[999]).toBe("2029-08-26T03:30:00Z");
  });
});

describe("POST /v1/recurrences/preview cuts no series short", () => {
  test("a COUNT series a century apart is listed in full: every 100 years, 3 times, gives 1997, 2097 and 2197", async () => {
    const res = await preview({
      rrule: "FREQ=YEARLY;INTERVAL=100;COUNT=3",
      dtstart: "1997-09-02T09:00:00",
      timezone: "UTC",
      count: 4,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      occurrences: ["1997-09-02T09:00:00Z", "2097-09-02T09:00:00Z", "2197-09-02T09:00:00Z"],
    });
  });

  test("February 29 on a Monday, 5 times, lists all five, the last in 2168", async () => {
    const res = await preview({
      rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=5",
      dtstart: "2026-01-01T09:00:00",
      timezone: "UTC",
    });
    expect(res.status).toBe(200);
    expect(res.body.occurrences).toEqual([
      "2044-02-29T09:00:00Z",
      "2072-02-29T09:00:00Z",
      "2112-02-29T09:00:00Z",
      "2140-02-29T09:00:00Z",
      "2168-02-29T09:00:00Z",
    ]);
  });

  test("a COUNT series too sparse to list as far as asked within 400 years is refused with the reason, not listed in part", async () => {
    const res = await preview({
      rrule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=1000",
      dtstart: "2026-01-01T09:00:00",
      timezone: "UTC",
      count: 20,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("rrule");
    expect(res.body.error.message).toContain("COUNT=1000");
  });
});

describe("POST /v1/recurrences/preview takes every RFC 5545 rule", () => {
  test("FREQ=SECONDLY is listed, and BYSETPOS picks from the times each MINUTELY step holds", async () => {
    const secondly = await preview({
      rrule: "FREQ=SECONDLY;INTERVAL=15",
      dtstart: "2026-12-04T14:00:00",
      timezone: "Europe/Berlin",
      count: 3,
    });
    expect(secondly.body).toEqual({
      occurrences: ["2026-12-04T13:00:00Z", "2026-12-04T13:00:15Z", "2026-12-04T13:00:30Z"],
    });
    const minutely = await preview({
      rrule: "FREQ=MINUTELY;BYSECOND=10,20,30;BYSETPOS=-1",
      dtstart: "2026-12-04T14:00:00",
      timezone: "UTC",
      count: 2,
    });
    expect(minutely.body).toEqual({ occurrences: ["2026-12-04T14:00:30Z", "2026-12-04T14:01:30Z"] });
  });

  test("a date-only dtstart gives instants at local midnight", async () => {
    const res = await preview({
      rrule: "FREQ=DAILY",
      dtstart: "2027-03-27",
      timezone: "Australia/Sydney",
      count: 2,
    });
    expect(res.body).toEqual({ occurrences: ["2027-03-26T13:00:00Z", "2027-03-27T13:00:00Z"] });
  });

  test("a rule RFC 5545 forbids is a 400 citing the rule", async () => {
    const res = await preview({
      rrule: "FREQ=DAILY;BYWEEKNO=20",
      dtstart: "2026-12-04T14:00:00",
      timezone: "UTC",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("BYWEEKNO only works with FREQ=YEARLY");
  });
});

describe("POST /v1/recurrences/preview refuses bad input with a 400 that names the problem", () => {
  test.each([
    [{ ...fridays, rrule: "FREQ=BLAH" }, "rrule", "FREQ=BLAH is not a frequency"],
    [{ ...fridays, rrule: "FREQ=WEEKLY;BYDAY=XX" }, "rrule", "rrule: BYDAY has an unknown weekday"],
    [{ ...fridays, rrule: "FREQ=MONTHLY;BYMONTHDAY=40" }, "rrule", "BYMONTHDAY=40 is out of range"],
    [{ ...fridays, rrule: "FREQ=DAILY;INTERVAL=0" }, "rrule", "INTERVAL=0 is out of range"],
    [
      { ...fridays, rrule: "FREQ=DAILY;COUNT=2;UNTIL=20270101T000000Z" },
      "rrule",
      "COUNT and UNTIL cannot both be given",
    ],
    [{ ...fridays, rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }, "rrule", "never produces an occurrence"],
    [{ ...fridays, timezone: "Mars/Base" }, "timezone", "unknown time zone 'Mars/Base'"],
    [{ ...fridays, dtstart: "2026-12-04T14:00:00Z" }, "dtstart", "must be a local wall time"],
    [{ ...fridays, dtstart: "2026-02-30T14:00:00" }, "dtstart", "is not a real date and time"],
    [{ ...fridays, after: "2026-12-04T14:00:00" }, "after", "must be an ISO 8601 instant with an offset"],
    [{ ...fridays, until: "next week" }, "until", "must be an ISO 8601 instant with an offset"],
  ])("%j → %s", async (body, field, message) => {
    const res = await preview(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toContain(message);
  });

  test.each([
    [{ ...fridays, count: 0 }, "count: Expected integer to be greater or equal to 1"],
    [{ ...fridays, count: 1001 }, "count: Expected integer to be less or equal to 1000"],
    [{ ...fridays, count: 2.5 }, "count: Expected integer"],
    [{ ...fridays, count: "5" }, "count: Expected integer"],
    [{ ...fridays, colour: "blue" }, "colour: Property 'colour' should not be provided"],
    [{ dtstart: fridays.dtstart, timezone: fridays.timezone }, "rrule: Property 'rrule' is missing"],
    [{ ...fridays, rrule: 42 }, "rrule"],
  ])("a body that does not fit the schema is a 400: %j", async (body, message) => {
    const res = await preview(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.message).toContain(message);
  });

  test("a body that is not JSON is a 400", async () => {
    const res = await preview("{not json");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });
});
