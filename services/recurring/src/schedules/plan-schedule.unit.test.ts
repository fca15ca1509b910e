// Specification of the scheduling planner: given what the recurring service holds (a series, a
// task's reminder job) when an event arrives, then which jobs it schedules, keeps or cancels; and
// given a job and the time, whether firing it now is on time, missed or not yet due.
import { describe, expect, test } from "bun:test";
import type { RecurrenceRule, ReminderEvent, TaskEvent } from "@todo/schemas";
import type { JobRow, SeriesRow } from "../db/schema.ts";
import { occurrenceJobId, reminderJobId } from "./job-ids.ts";
import { concernsSeries } from "./plan-jobs.ts";
import { fireStatusOf, planReminder, planSeries } from "./plan-schedule.ts";

const USER = "0a000000-0000-4000-8000-000000000002";
const SERIES = "5e000000-0000-4000-8000-000000000001";
const TASK = "7a000000-0000-4000-8000-000000000001";
const REMINDER = "3e000000-0000-4000-8000-000000000001";
const now = new Date("2026-12-07T12:00:00Z"); // a Monday
const friday = new Date("2026-12-11T13:00:00Z"); // Friday 2 PM in Berlin

const rule = (overrides: Partial<RecurrenceRule> = {}): RecurrenceRule => ({
  series_id: SERIES,
  rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0;BYSECOND=0",
  timezone: "Europe/Berlin",
  dtstart: "2026-12-04T14:00:00",
  frequency: "weekly",
  interval: 1,
  time_of_day: "14:00",
  text: "every Friday at 2 PM",
  active: true,
  ...overrides,
});
const taskEvent = (
  recurrence: RecurrenceRule | null,
  at = now,
  occurrenceAt: string | null = null,
): TaskEvent =>
  ({
    schema_version: 1,
    event_id: crypto.randomUUID(),
    event_type: "task.updated",
    task_id: TASK,
    user_id: USER,
    timestamp: at.toISOString(),
    payload: { title: "weekly report", recurrence_rule: recurrence, occurrence_at: occurrenceAt },
  }) as TaskEvent;
const stored = (overrides: Partial<SeriesRow> = {}): SeriesRow => ({
  id: SERIES,
  userId: USER,
  rrule: rule().rrule,
  dtstart: rule().dtstart,
  timezone: "Europe/Berlin",
  count: null,
  until: null,
  active: true,
  title: "weekly report",
  eventAt: new Date(now.getTime() - 60_000),
  problem: null,
  ...overrides,
});

describe("planSeries", () => {
  test("given a stored series, when the backend says where a fired occurrence landed (task.occurrence), then nothing changes", () => {
    const landed = { ...taskEvent(rule({ text: "renamed?" })), event_type: "task.occurrence" } as TaskEvent;
    expect(planSeries(stored(), landed, now)).toBeUndefined();
  });
  test("given no series, when a task with a rule is created, then the series is stored and its first instance's own occurrence scheduled", () => {
    const plan = planSeries(undefined, taskEvent(rule(), now, "2026-12-04T13:00:00Z"), now);
    expect(plan?.series).toEqual(stored({ eventAt: now }));
    expect(plan?.cancelScheduled).toBe(true);
    expect(plan?.schedule).toMatchObject({
      id: occurrenceJobId(SERIES, new Date("2026-12-04T13:00:00Z")),
      kind: "recurring",
      taskId: TASK,
      seriesId: SERIES,
      status: "scheduled",
    });
  });

  test("given no series, when a rule comes without an occurrence, then its next occurrence after now is scheduled", () => {
    expect(planSeries(undefined, taskEvent(rule()), now)?.schedule?.dueAt).toEqual(friday);
  });

  test("given a series, when its rule changes, then what is scheduled is cancelled and the next occurrence of the new rule scheduled", () => {
    const plan = planSeries(
      stored(),
      taskEvent(rule({ rrule: "FREQ=WEEKLY;BYDAY=WE;BYHOUR=14;BYMINUTE=0" })),
      now,
    );
    expect(plan?.cancelScheduled).toBe(true);
    expect(plan?.schedule?.dueAt).toEqual(new Date("2026-12-09T13:00:00Z"));
  });

  test("given an active series, when the same rule arrives again, then the series is stored and no job changes", () => {
    const plan = planSeries(stored(), taskEvent(rule()), now);
    expect(plan).toEqual({ series: stored({ eventAt: now }), cancelScheduled: false });
  });

  test("given a cancelled series, when the same rule arrives active again, then its next occurrence is scheduled", () => {
    const plan = planSeries(stored({ active: false }), taskEvent(rule()), now);
    expect(plan?.cancelScheduled).toBe(true);
    expect(plan?.schedule?.dueAt).toEqual(friday);
  });

  test("given a series, when its rule is cancelled, then what is scheduled is cancelled and nothing new", () => {
    const plan = planSeries(stored(), taskEvent(rule({ active: false })), now);
    expect(plan).toEqual({ series: stored({ eventAt: now, active: false }), cancelScheduled: true });
  });

  test("given a series stored from a later event, when an older event is replayed, then nothing", () => {
    expect(
      planSeries(stored({ eventAt: new Date(now.getTime() + 1) }), taskEvent(rule()), now),
    ).toBeUndefined();
  });

  test("given any series, when a task event carries no rule, then nothing", () => {
    expect(planSeries(stored(), taskEvent(null), now)).toBeUndefined();
  });

  test("given no series, when the rule can never be scheduled, then the series is kept with the reason and nothing scheduled", () => {
    const plan = planSeries(undefined, taskEvent(rule({ rrule: "FREQ=WEEKLY;BYDAY=XX" })), now);
    expect(plan?.schedule).toBeUndefined();
    expect(plan?.cancelScheduled).toBe(true);
    expect(plan?.problem?.field).toBeDefined();
    expect(plan?.series.problem).toBe(`${plan?.problem?.field}: ${plan?.problem?.message}`);
  });

  test("given no series, when the rule has ended (its last date passed), then nothing is scheduled", () => {
    const plan = planSeries(undefined, taskEvent(rule({ until: "2026-12-05T00:00:00Z" })), now);
    expect(plan).toEqual({
      series: stored({ eventAt: now, until: new Date("2026-12-05T00:00:00Z") }),
      cancelScheduled: true,
    });
  });
});

const reminderEvent = (type: ReminderEvent["event_type"], reminderId = REMINDER): ReminderEvent => ({
  schema_version: 1,
  event_id: crypto.randomUUID(),
  event_type: type,
  reminder_id: reminderId,
  task_id: TASK,
  user_id: USER,
  timestamp: now.toISOString(),
  target_time: "2026-12-08T09:00:00.000Z",
  reminder_type: "one-time",
  title: "dentist appointment",
});
const job = (overrides: Partial<JobRow> = {}): JobRow => ({
  id: reminderJobId(TASK),
  kind: "one-time",
  dueAt: new Date("2026-12-08T09:00:00Z"),
  taskId: TASK,
  userId: USER,
  seriesId: null,
  reminderId: REMINDER,
  title: "dentist appointment",
  status: "scheduled",
  updatedAt: now,
  firedAt: null,
  synced: true,
  ...overrides,
});

describe("planReminder", () => {
  test("given no job, when a reminder is scheduled, then the task's one job is scheduled at its time", () => {
    expect(planReminder(undefined, reminderEvent("reminder.scheduled"), now)).toEqual({
      kind: "schedule",
      job: {
        id: reminderJobId(TASK),
        kind: "one-time",
        dueAt: new Date("2026-12-08T09:00:00Z"),
        taskId: TASK,
        userId: USER,
        seriesId: null,
        reminderId: REMINDER,
        title: "dentist appointment",
        status: "scheduled",
        updatedAt: now,
      },
    });
  });

  test("given the job of another reminder of the task, even fired, when a new reminder is scheduled, then the job is scheduled again", () => {
    const plan = planReminder(
      job({ reminderId: crypto.randomUUID(), status: "fired" }),
      reminderEvent("reminder.scheduled"),
      now,
    );
    expect(plan.kind).toBe("schedule");
  });

  test("given this reminder already fired, when its reminder.scheduled is replayed, then nothing (it never fires twice)", () => {
    for (const status of ["fired", "missed", "cancelled"] as const)
      expect(planReminder(job({ status }), reminderEvent("reminder.scheduled"), now)).toEqual({
        kind: "nothing",
      });
  });

  test("when a reminder is cancelled, then the task's job is cancelled if it is still that reminder's", () => {
    expect(planReminder(job(), reminderEvent("reminder.cancelled"), now)).toEqual({
      kind: "cancel",
      jobId: reminderJobId(TASK),
      reminderId: REMINDER,
    });
  });

  test("when the service's own reminder.fired comes back, then nothing", () => {
    expect(planReminder(job(), reminderEvent("reminder.fired"), now)).toEqual({ kind: "nothing" });
  });
});

describe("fireStatusOf", () => {
  const dueAt = new Date("2026-12-08T09:00:00Z");
  const at = (ms: number) => new Date(dueAt.getTime() + ms);
  test("given a job due later, then not due", () => {
    expect(fireStatusOf({ dueAt }, at(-1), 60_000)).toBe("not-due");
  });
  test("given a job due now or late within the grace period, then fired", () => {
    expect([fireStatusOf({ dueAt }, at(0), 60_000), fireStatusOf({ dueAt }, at(60_000), 60_000)]).toEqual([
      "fired",
      "fired",
    ]);
  });
  test("given a job later than the grace period, then missed", () => {
    expect(fireStatusOf({ dueAt }, at(60_001), 60_000)).toBe("missed");
  });
});

describe("concernsSeries (the recurring consumer ignores the rest without a transaction)", () => {
  test("given a task event without a rule, then it does not concern the schedule", () => {
    expect(concernsSeries(taskEvent(null))).toBe(false);
  });

  test("given a task event with a rule, active or not, then it does", () => {
    expect(concernsSeries(taskEvent(rule()))).toBe(true);
    expect(concernsSeries(taskEvent(rule({ active: false })))).toBe(true);
  });
});
