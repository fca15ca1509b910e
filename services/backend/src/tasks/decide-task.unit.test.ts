// Specification of the task deciders: given the task as it is, when a request comes, then the
// row (and series) the mutation writes, or the refusal. Pure: no database, no clock.
import { describe, expect, test } from "bun:test";
import { Validation } from "@todo/service-kit";
import type { SeriesRow, TaskRow } from "../db/schema.ts";
import { decideCreate, decidePatch } from "./decide-task.ts";

const now = new Date("2026-12-07T09:00:00Z");
const ctx = { userId: "00000000-0000-4000-8000-000000000001", zone: "Europe/Berlin", now };

const given = (overrides: Partial<TaskRow> = {}): TaskRow => ({
  ...decideCreate({ title: "call mom" }, { ...ctx, now: new Date("2026-12-01T09:00:00Z") }).task,
  ...overrides,
});

describe("decideCreate", () => {
  test("given a title with spaces around it, then a pending medium-priority task with the title trimmed", () => {
    const { task, series, seriesWrite, change } = decideCreate({ title: "  call mom  " }, ctx);
    expect(task).toMatchObject({
      title: "call mom",
      status: "pending",
      priority: "medium",
      tags: [],
      dueDate: null,
      dueAt: null,
      createdAt: now,
      updatedAt: now,
    });
    expect([series, seriesWrite, change]).toEqual([null, "none", "created"]);
  });

  test("given a due time, then its due date is that time's date in the user's zone", () => {
    // 23:30 UTC on the 7th is 00:30 on the 8th in Berlin.
    const { task } = decideCreate({ title: "late call", due_at: "2026-12-07T23:30:00Z" }, ctx);
    expect([task.dueDate, task.dueAt?.toISOString()]).toEqual(["2026-12-08", "2026-12-07T23:30:00.000Z"]);
  });

  test("given a reminder a minute and more in the past, then it is refused on reminder_time", () => {
    expect(() => decideCreate({ title: "x", reminder_time: "2026-12-07T08:00:00Z" }, ctx)).toThrow(
      new Validation("reminder_time", "is in the past"),
    );
  });

  test("given a due time in a year the database cannot give back (year 29, 99: read back as 1999), then it is refused on due_at", () => {
    for (const due_at of ["0029-03-12T15:17:18.2Z", "0099-03-12T15:17:18Z", "+010000-01-01T00:00:00Z"])
      expect(() => decideCreate({ title: "x", due_at }, ctx)).toThrow(
        new Validation("due_at", "must be in the years 1000 to 9999"),
      );
  });

  test("given a blank title, then it is refused on title", () => {
    expect(() => decideCreate({ title: "   " }, ctx)).toThrow(Validation);
  });

  test("given a recurrence, then a new series is inserted and the task is its first instance, due at the first occurrence", () => {
    const { task, series, seriesWrite } = decideCreate(
      { title: "gym", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=7;BYMINUTE=0" } },
      ctx,
    );
    expect(seriesWrite).toBe("insert");
    expect(series).toMatchObject({ active: true, timezone: "Europe/Berlin", userId: ctx.userId });
    expect(task.seriesId).toBe(series!.id);
    expect(task.occurrenceAt?.toISOString()).toBe("2026-12-14T06:00:00.000Z"); // Monday 07:00 Berlin, after now
    expect([task.dueDate, task.dueAt?.toISOString()]).toEqual(["2026-12-14", "2026-12-14T06:00:00.000Z"]);
  });

  test("given a recurrence and a due date, then it is refused: a recurring task is due at each occurrence", () => {
    expect(() =>
      decideCreate({ title: "gym", due_date: "2026-12-10", recurrence: { rrule: "FREQ=DAILY" } }, ctx),
    ).toThrow(Validation);
  });
});

describe("decidePatch", () => {
  test("given a pending task, when it is marked completed, then the change is 'completed' and completed_at is now", () => {
    const { task, change } = decidePatch(given(), null, { status: "completed" }, ctx);
    expect([change, task.status, task.completedAt]).toEqual(["completed", "completed", now]);
  });

  test("given a completed task, when it is reopened, then completed_at is cleared and the change is 'updated'", () => {
    const { task, change } = decidePatch(
      given({ status: "completed", completedAt: now }),
      null,
      { status: "pending" },
      ctx,
    );
    expect([change, task.status, task.completedAt]).toEqual(["updated", "pending", null]);
  });

  test("given a task with a reminder, when the same reminder time is sent again, then the reminder keeps its id", () => {
    const current = given({
      reminderId: "11111111-1111-4111-8111-111111111111",
      reminderTime: new Date("2026-12-08T10:00:00Z"),
    });
    expect(decidePatch(current, null, { reminder_time: "2026-12-08T10:00:00Z" }, ctx).task.reminderId).toBe(
      current.reminderId,
    );
    expect(
      decidePatch(current, null, { reminder_time: "2026-12-08T11:00:00Z" }, ctx).task.reminderId,
    ).not.toBe(current.reminderId);
  });

  test("given a task due at a time, when only a due date of another day is sent, then the time is dropped", () => {
    const current = given({ dueDate: "2026-12-08", dueAt: new Date("2026-12-08T10:00:00Z") });
    const { task } = decidePatch(current, null, { due_date: "2026-12-09" }, ctx);
    expect([task.dueDate, task.dueAt]).toEqual(["2026-12-09", null]);
  });

  test("given tags, when tags are added and removed, then the edits apply to the current tags", () => {
    const { task } = decidePatch(
      given({ tags: ["home", "work"] }),
      null,
      { tags_add: ["urgent"], tags_remove: ["home"] },
      ctx,
    );
    expect(task.tags).toEqual(["work", "urgent"]);
  });

  test("given an active series, when the recurrence is removed, then the series is cancelled (updated), the task stays", () => {
    const created = decideCreate(
      { title: "gym", recurrence: { rrule: "FREQ=DAILY;BYHOUR=7;BYMINUTE=0" } },
      ctx,
    );
    const { task, series, seriesWrite } = decidePatch(
      created.task,
      created.series,
      { recurrence: null },
      ctx,
    );
    expect(seriesWrite).toBe("update");
    expect(series).toMatchObject({ id: created.series!.id, active: false, cancelledAt: now });
    expect(task.seriesId).toBe(created.series!.id);
  });

  test("given an active series, when a new rule is sent, then the same series is updated with it", () => {
    const created = decideCreate(
      { title: "gym", recurrence: { rrule: "FREQ=DAILY;BYHOUR=7;BYMINUTE=0" } },
      ctx,
    );
    const { series, seriesWrite } = decidePatch(
      created.task,
      created.series as SeriesRow,
      { recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=7;BYMINUTE=0" } },
      ctx,
    );
    expect(seriesWrite).toBe("update");
    expect(series).toMatchObject({ id: created.series!.id, rrule: expect.stringContaining("FREQ=WEEKLY") });
  });
});
