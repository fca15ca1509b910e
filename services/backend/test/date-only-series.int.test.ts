import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { messagingMetrics, Metrics, outbox, startConsumer, type Delivered } from "@todo/messaging";
import { occurrenceTaskId, type ReminderEvent } from "@todo/schemas";
import { expandRule } from "@todo/schemas/recurrence";
import { CONSUMER, backendHandlers } from "../src/consumers.ts";
import { tasks } from "../src/db/schema.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";

// A date-only (all-day) series: dtstart is a date, instances carry a due date only. Its
// occurrences fire at local midnight (the start of their day), which is when each instance is
// made; a reminder is the person's chosen time of day, on each instance's own date.
describe("a date-only weekly series", () => {
  let backend: TestBackend;
  let handle: (m: Delivered) => Promise<unknown>;
  beforeAll(async () => {
    backend = await startTestBackend("pglite");
    const consumer = await startConsumer({
      name: CONSUMER,
      database: backend.deps.database,
      transport: backend.deps.transport,
      handlers: backendHandlers(backend.clock, backend.deps.logger),
      metrics: messagingMetrics(new Metrics()),
    });
    handle = consumer.handle;
  });
  afterAll(() => backend.close());

  const fire = (userId: string, seriesId: string, at: string): Delivered => {
    const event: ReminderEvent = {
      schema_version: 1,
      event_id: crypto.randomUUID(),
      event_type: "reminder.fired",
      reminder_id: crypto.randomUUID(),
      task_id: occurrenceTaskId(seriesId, at),
      user_id: userId,
      timestamp: at,
      target_time: at,
      reminder_type: "recurring",
      series_id: seriesId,
      title: "buy milk",
    };
    return {
      topic: "reminders",
      key: event.task_id,
      value: JSON.stringify(event),
      headers: {},
      partition: 0,
      offset: "0",
    };
  };

  test.each([
    // New York moves to EDT on 14 March 2027: local midnight goes from 05:00Z to 04:00Z.
    [
      "America/New_York",
      "2027-03-06",
      "2027-03-06T08:30:00-05:00",
      ["2027-03-06", "2027-03-13", "2027-03-20"],
      ["2027-03-06T13:30:00.000Z", "2027-03-13T13:30:00.000Z", "2027-03-20T12:30:00.000Z"],
    ],
    // Sydney leaves daylight time on 4 April 2027: local midnight goes from 13:00Z to 14:00Z the day before.
    [
      "Australia/Sydney",
      "2027-03-27",
      "2027-03-27T08:30:00+11:00",
      ["2027-03-27", "2027-04-03", "2027-04-10"],
      ["2027-03-26T21:30:00.000Z", "2027-04-02T21:30:00.000Z", "2027-04-09T22:30:00.000Z"],
    ],
  ])(
    "in %s makes date-only instances on the right local dates across the DST change, each with its reminder at 8:30 AM local",
    async (zone, dtstart, reminder, dates, reminders) => {
      const { token, user } = await backend.signup(undefined, zone);
      const created = await backend.call("POST", "/api/tasks", {
        token,
        body: {
          title: "buy milk",
          reminder_time: reminder,
          recurrence: { rrule: "FREQ=WEEKLY;BYDAY=SA", dtstart },
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ due_date: dates[0], due_at: null, reminder_time: reminders[0] });
      expect(created.body.recurrence_rule).toMatchObject({
        dtstart,
        time_of_day: null,
        frequency: "weekly",
        weekdays: ["SA"],
        text: "every Saturday",
        timezone: zone,
      });
      expect(created.body.recurrence_rule.rrule).toBe("FREQ=WEEKLY;BYDAY=SA");
      const seriesId = created.body.series_id as string;
      // The fires come at local midnight, as the recurring service computes them with the same core.
      const midnights = expandRule({ rrule: "FREQ=WEEKLY;BYDAY=SA", dtstart, timezone: zone }, { limit: 3 });
      if (!midnights.ok) throw new Error(midnights.problem.message);
      expect(created.body.occurrence_at).toBe(midnights.value[0]!.toISOString());
      for (const at of midnights.value.slice(1)) {
        const pending = await backend.deps.database.db
          .select()
          .from(tasks)
          .where(eq(tasks.seriesId, seriesId))
          .orderBy(asc(tasks.occurrenceAt));
        await backend.call("POST", `/api/tasks/${pending.at(-1)!.id}/complete`, { token });
        await handle(fire(user.id, seriesId, at.toISOString()));
      }
      const listed = await backend.call("GET", `/api/tasks?series_id=${seriesId}&sort=due&order=asc`, {
        token,
      });
      expect(listed.body.items.map((t: any) => [t.due_date, t.due_at, t.reminder_time])).toEqual(
        dates.map((d, i) => [d, null, reminders[i]]),
      );
      // Each new instance's reminder is scheduled with the recurring service, as for any task.
      const scheduled = await backend.deps.database.db
        .select()
        .from(outbox)
        .where(eq(outbox.topic, "reminders"));
      const targets = scheduled
        .map((row) => row.payload as any)
        .filter((e) => e.event_type === "reminder.scheduled" && e.series_id === seriesId)
        .map((e) => e.target_time);
      expect(targets).toEqual(reminders);
    },
  );

  test("a date-only series refuses a rule that picks a time of day, and a task with a date-only series shows no time", async () => {
    const { token } = await backend.signup(undefined, "Europe/Berlin");
    const timed = await backend.call("POST", "/api/tasks", {
      token,
      body: {
        title: "buy milk",
        recurrence: { rrule: "FREQ=WEEKLY;BYDAY=SA;BYHOUR=9", dtstart: "2027-03-06" },
      },
    });
    expect(timed.status).toBe(400);
    expect(timed.body.error).toMatchObject({ field: "recurrence.rrule" });
    expect(timed.body.error.message).toContain(
      "BYHOUR picks a time of day, which a date-only series (dtstart YYYY-MM-DD) has not",
    );
  });
});
