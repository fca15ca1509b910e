import { afterEach, describe, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { occurrenceTaskId } from "@todo/schemas";
import { testDrivers } from "../../../scripts/testing/fresh-database.ts";
import { jobs, recurrences } from "../src/db/schema.ts";
import { fireJob } from "../src/schedules/fire-job.ts";
import { reminderEvent, seriesCreated, seriesUpdated, startTestScheduling } from "./scheduling-harness.ts";

const NOW = new Date("2026-11-28T10:00:00Z");
const plus = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(testDrivers)("scheduling on %s", (driver) => {
  let s: Awaited<ReturnType<typeof startTestScheduling>>;
  afterEach(() => s.close());

  test("a one-time reminder fires once at its time, not before", async () => {
    s = await startTestScheduling(driver, NOW);
    const [task, reminder] = [crypto.randomUUID(), crypto.randomUUID()];
    await s.send(
      "reminders",
      reminderEvent("reminder.scheduled", task, reminder, "2026-11-29T08:00:00Z", NOW),
    );
    await s.advanceTo("2026-11-29T07:59:59Z");
    expect(s.fired).toEqual([]);
    await s.advanceTo("2026-11-29T08:00:00Z", 1);
    expect(s.fired).toEqual([
      expect.objectContaining({
        event_type: "reminder.fired",
        task_id: task,
        reminder_id: reminder,
        target_time: "2026-11-29T08:00:00.000Z",
        reminder_type: "one-time",
        missed: false,
        title: "dentist appointment",
      }),
    ]);
    await s.advanceTo("2026-11-30T08:00:00Z");
    expect(s.fired).toHaveLength(1);
  });

  test("a cancelled reminder never fires; a moved one fires only at its new time", async () => {
    s = await startTestScheduling(driver, NOW);
    const [cancelled, moved] = [crypto.randomUUID(), crypto.randomUUID()];
    const [r1, r2, r3] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await s.send(
      "reminders",
      reminderEvent("reminder.scheduled", cancelled, r1, "2026-11-28T11:00:00Z", NOW),
    );
    await s.send(
      "reminders",
      reminderEvent("reminder.cancelled", cancelled, r1, "2026-11-28T11:00:00Z", NOW),
    );
    await s.send("reminders", reminderEvent("reminder.scheduled", moved, r2, "2026-11-28T11:00:00Z", NOW));
    await s.send("reminders", reminderEvent("reminder.cancelled", moved, r2, "2026-11-28T11:00:00Z", NOW));
    await s.send("reminders", reminderEvent("reminder.scheduled", moved, r3, "2026-11-28T12:00:00Z", NOW));
    await s.advanceTo("2026-11-28T11:30:00Z");
    expect(s.fired).toEqual([]);
    await s.advanceTo("2026-11-28T12:00:00Z", 1);
    expect(s.fired.map((f) => f.reminder_id)).toEqual([r3]);
  });

  test("every Friday at 2 PM in Berlin fires three Fridays running at 2 PM local, across the DST change", async () => {
    const start = new Date("2027-03-14T10:00:00Z");
    s = await startTestScheduling(driver, start);
    const series = crypto.randomUUID();
    const first = "2027-03-19T13:00:00.000Z"; // CET, UTC+1
    await s.send(
      "task-events",
      seriesCreated(
        series,
        occurrenceTaskId(series, first),
        { dtstart: "2027-03-19T14:00:00" },
        first,
        start,
      ),
    );
    await s.advanceTo(first, 1);
    await s.advanceTo("2027-03-26T13:00:00Z", 2);
    await s.advanceTo("2027-04-02T12:00:00Z", 3); // CEST since 28 March: 2 PM local is 12:00Z
    expect(s.fired.map((f) => [f.target_time, f.reminder_type, f.missed])).toEqual([
      ["2027-03-19T13:00:00.000Z", "recurring", false],
      ["2027-03-26T13:00:00.000Z", "recurring", false],
      ["2027-04-02T12:00:00.000Z", "recurring", false],
    ]);
    expect(s.fired.map((f) => f.task_id)).toEqual(
      s.fired.map((f) => occurrenceTaskId(series, f.target_time)),
    );
    expect(new Set(s.fired.map((f) => f.reminder_id)).size).toBe(3);
    expect(s.fired.every((f) => f.series_id === series && f.title === "submit weekly report")).toBe(true);
  });

  test("cancelling the series stops future fires; changing its rule moves the next fire", async () => {
    s = await startTestScheduling(driver, NOW);
    const series = crypto.randomUUID();
    const first = "2026-12-04T13:00:00.000Z";
    const created = seriesCreated(series, occurrenceTaskId(series, first), {}, first, NOW);
    await s.send("task-events", created);
    // Now every Monday at 9 instead: the Friday fire is replaced by Monday 7 Dec 08:00Z.
    await s.send(
      "task-events",
      seriesUpdated(
        created,
        { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0", dtstart: "2026-11-30T09:00:00" },
        plus(1000),
      ),
    );
    await s.advanceTo("2026-11-30T08:00:00Z", 1);
    expect(s.fired[0]!.target_time).toBe("2026-11-30T08:00:00.000Z");
    await s.advanceTo("2026-12-04T13:30:00Z");
    expect(s.fired).toHaveLength(1); // no Friday fire any more
    await s.send(
      "task-events",
      seriesUpdated(
        created,
        {
          rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
          dtstart: "2026-11-30T09:00:00",
          active: false,
        },
        plus(2000),
      ),
    );
    await s.advanceTo("2026-12-21T09:00:00Z");
    expect(s.fired).toHaveLength(1);
  });

  test("the same task event delivered twice schedules one job, and a second trigger of a fired job publishes nothing", async () => {
    s = await startTestScheduling(driver, NOW);
    const series = crypto.randomUUID();
    const first = "2026-12-04T13:00:00.000Z";
    const created = seriesCreated(series, occurrenceTaskId(series, first), {}, first, NOW);
    await s.send("task-events", created);
    await s.send("task-events", { ...created, event_id: crypto.randomUUID() });
    expect(await s.database.db.select().from(jobs).where(eq(jobs.seriesId, series))).toHaveLength(1);
    await s.advanceTo(first, 1);
    const [job] = await s.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dueAt, new Date(first)));
    const again = await s.database.db.transaction((tx) => fireJob(tx, job!.id, s.clock.now(), s.settings));
    expect(again).toBe("already-done");
    await s.advanceTo("2026-12-04T13:05:00Z");
    expect(s.fired).toHaveLength(1);
  });

  test("fires missed while the service was down are delivered late within the grace period, else published as missed; none twice", async () => {
    s = await startTestScheduling(driver, NOW);
    const [soon, early] = [crypto.randomUUID(), crypto.randomUUID()];
    await s.send(
      "reminders",
      reminderEvent("reminder.scheduled", early, crypto.randomUUID(), "2026-11-28T10:10:00Z", NOW),
    );
    await s.send(
      "reminders",
      reminderEvent("reminder.scheduled", soon, crypto.randomUUID(), "2026-11-28T10:25:00Z", NOW),
    );
    await s.stopScheduler();
    s.clock.set(new Date("2026-11-28T10:30:00Z")); // down for 30 minutes: one 20 min late, one 5 min late
    s.startScheduler();
    await s.advanceTo("2026-11-28T10:30:00Z", 2);
    const byTask = Object.fromEntries(s.fired.map((f) => [f.task_id, f.missed]));
    expect(byTask).toEqual({ [early]: true, [soon]: false });
    s.startScheduler(); // a second replica finds nothing left to fire
    await s.advanceTo("2026-11-28T11:00:00Z");
    expect(s.fired).toHaveLength(2);
  });

  test("a date-only weekly series in Sydney fires at each local midnight across the end of daylight time, marked all-day", async () => {
    const start = new Date("2027-03-20T00:00:00Z");
    s = await startTestScheduling(driver, start);
    const series = crypto.randomUUID();
    const first = "2027-03-26T13:00:00.000Z"; // Saturday 27 March, 00:00 AEDT (UTC+11)
    await s.send(
      "task-events",
      seriesCreated(
        series,
        occurrenceTaskId(series, first),
        {
          rrule: "FREQ=WEEKLY;BYDAY=SA",
          timezone: "Australia/Sydney",
          dtstart: "2027-03-27",
          time_of_day: null,
          text: "every Saturday",
        },
        first,
        start,
      ),
    );
    await s.advanceTo(first, 1);
    await s.advanceTo("2027-04-02T13:00:00Z", 2);
    await s.advanceTo("2027-04-09T14:00:00Z", 3); // AEST (UTC+10) since 4 April: midnight is an hour later in UTC
    expect(s.fired.map((f) => [f.target_time, f.all_day])).toEqual([
      ["2027-03-26T13:00:00.000Z", true],
      ["2027-04-02T13:00:00.000Z", true],
      ["2027-04-09T14:00:00.000Z", true],
    ]);
  });

  test("a job that cannot fire is set aside as failed, and the reminders due with it still fire", async () => {
    s = await startTestScheduling(driver, NOW);
    // A planted fault: a trigger makes marking the job titled "broken" as fired fail in the database.
    await s.database.db.execute(
      sql.raw(
        `create function refuse_broken() returns trigger as $$ begin if new.title = 'broken' and new.status in ('fired', 'missed') then raise exception 'planted fault'; end if; return new; end $$ language plpgsql`,
      ),
    );
    await s.database.db.execute(
      sql.raw(
        "create trigger refuse_broken before update on jobs for each row execute function refuse_broken()",
      ),
    );
    const at = plus(60 * 60_000);
    const brokenTask = crypto.randomUUID();
    await s.send("reminders", {
      ...reminderEvent("reminder.scheduled", brokenTask, crypto.randomUUID(), at.toISOString(), NOW),
      title: "broken",
    });
    const tasks = [crypto.randomUUID(), crypto.randomUUID()];
    for (const task of tasks)
      await s.send(
        "reminders",
        reminderEvent("reminder.scheduled", task, crypto.randomUUID(), at.toISOString(), NOW),
      );
    await s.advanceTo(at, 2);
    expect(s.fired.map((f) => f.task_id).sort()).toEqual([...tasks].sort());
    const [job] = await s.database.db.select().from(jobs).where(eq(jobs.taskId, brokenTask));
    expect(job!.status).toBe("failed");
    await s.advanceTo(plus(2 * 60 * 60_000));
    expect(s.fired).toHaveLength(2);
  });

  test("a series whose rule cannot be used is recorded with the reason and acknowledged, never retried or dead-lettered", async () => {
    s = await startTestScheduling(driver, NOW);
    const series = crypto.randomUUID();
    const first = "2026-11-29T09:00:00.000Z";
    // send() returns once the consumer's inbox holds the event: handled and committed, not failed.
    await s.send(
      "task-events",
      seriesCreated(
        series,
        occurrenceTaskId(series, first),
        { rrule: "FREQ=FORTNIGHTLY", timezone: "UTC", dtstart: "2026-11-29T09:00:00" },
        first,
        NOW,
      ),
    );
    const [row] = await s.database.db.select().from(recurrences).where(eq(recurrences.id, series));
    expect(row!.problem).toContain("rrule: FREQ=FORTNIGHTLY is not a frequency");
    expect(await s.database.db.select().from(jobs).where(eq(jobs.seriesId, series))).toEqual([]);
  });

  test("a task.occurrence (where the backend landed a fire, for the notifier) changes nothing in the schedule", async () => {
    s = await startTestScheduling(driver, NOW);
    const series = crypto.randomUUID();
    const first = "2026-12-04T13:00:00.000Z";
    const created = seriesCreated(series, occurrenceTaskId(series, first), {}, first, NOW);
    await s.send("task-events", created);
    const schedule = async () => ({
      series: await s.database.db.select().from(recurrences).where(eq(recurrences.id, series)),
      jobs: await s.database.db.select().from(jobs).where(eq(jobs.seriesId, series)),
    });
    const before = await schedule();
    const landed = seriesUpdated(created, { rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0" }, plus(1000));
    await s.send("task-events", {
      ...landed,
      event_type: "task.occurrence",
      payload: { ...landed.payload, title: "an earlier instance, renamed" },
      occurrence: { outcome: "pending-earlier", reminder_id: crypto.randomUUID(), target_time: first },
    });
    expect(await schedule()).toEqual(before);
  });

  test("a series fixed after a refused rule loses its recorded problem and is scheduled", async () => {
    s = await startTestScheduling(driver, NOW);
    const series = crypto.randomUUID();
    const first = "2026-11-29T09:00:00.000Z";
    const created = seriesCreated(
      series,
      occurrenceTaskId(series, first),
      { rrule: "FREQ=FORTNIGHTLY", timezone: "UTC", dtstart: "2026-11-29T09:00:00" },
      first,
      NOW,
    );
    await s.send("task-events", created);
    await s.send(
      "task-events",
      seriesUpdated(created, { rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0" }, plus(1000)),
    );
    const [row] = await s.database.db.select().from(recurrences).where(eq(recurrences.id, series));
    expect(row!.problem).toBeNull();
    expect(
      (await s.database.db.select().from(jobs).where(eq(jobs.seriesId, series))).map((j) =>
        j.dueAt.toISOString(),
      ),
    ).toEqual([first]);
  });

  test("after a long outage a daily series publishes each missed day, bounded, then carries on", async () => {
    s = await startTestScheduling(driver, NOW);
    const series = crypto.randomUUID();
    const first = "2026-11-29T09:00:00.000Z";
    await s.send(
      "task-events",
      seriesCreated(
        series,
        occurrenceTaskId(series, first),
        {
          rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
          timezone: "UTC",
          dtstart: "2026-11-29T09:00:00",
        },
        first,
        NOW,
      ),
    );
    await s.stopScheduler();
    s.clock.set(new Date("2026-12-03T09:05:00Z")); // back 5 minutes after the fifth day's fire
    s.startScheduler();
    await s.advanceTo("2026-12-03T09:05:00Z", 5);
    expect(s.fired.map((f) => [f.target_time.slice(0, 10), f.missed])).toEqual([
      ["2026-11-29", true],
      ["2026-11-30", true],
      ["2026-12-01", true],
      ["2026-12-02", true],
      ["2026-12-03", false],
    ]);
    await s.advanceTo("2026-12-04T09:00:00Z", 6);
    expect(s.fired[5]!.missed).toBe(false);
  });
});
