// Specification of decideOccurrence: given what the backend holds about a series when one of its
// occurrences fires, then the instance it makes, or why it makes none (FR-006).
import { describe, expect, test } from "bun:test";
import { occurrenceTaskId } from "@todo/schemas";
import { decideCreate } from "../tasks/decide-task.ts";
import { decideOccurrence } from "./materialize-occurrence.ts";

const now = new Date("2026-12-07T09:00:00Z");
const ctx = { userId: "00000000-0000-4000-8000-000000000001", zone: "Europe/Berlin", now };
const weekly = decideCreate(
  {
    title: "gym",
    priority: "high",
    tags: ["health"],
    recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=7;BYMINUTE=0" },
  },
  ctx,
);
const series = weekly.series!;
const first = weekly.task; // Monday 2026-12-14 07:00 Berlin
const next = new Date("2026-12-21T06:00:00Z");

describe("decideOccurrence", () => {
  test("given the previous instance completed, when the next occurrence fires, then a pending instance due then, copying title, priority and tags", () => {
    const decision = decideOccurrence(
      { series, existing: undefined, pendingEarlier: undefined, template: { ...first, status: "completed" } },
      next,
      "fallback",
      now,
    );
    expect(decision.outcome).toBe("created");
    if (decision.outcome !== "created") return;
    expect(decision.task).toMatchObject({
      id: occurrenceTaskId(series.id, next),
      title: "gym",
      priority: "high",
      tags: ["health"],
      status: "pending",
      dueDate: "2026-12-21",
      dueAt: next,
      seriesId: series.id,
      occurrenceAt: next,
    });
  });

  test("given an earlier instance still pending, then no new instance: a conflict naming the pending one (FR-006)", () => {
    expect(
      decideOccurrence(
        { series, existing: undefined, pendingEarlier: first, template: first },
        next,
        "gym",
        now,
      ),
    ).toEqual({ outcome: "conflict", pending: first });
  });

  test("given the instance of this occurrence exists (a redelivered fire), then nothing new, and the occurrence lands on it", () => {
    expect(
      decideOccurrence(
        { series, existing: first, pendingEarlier: undefined, template: first },
        next,
        "gym",
        now,
      ),
    ).toEqual({ outcome: "exists", existing: first });
  });

  test("given a cancelled series, then nothing", () => {
    expect(
      decideOccurrence(
        {
          series: { ...series, active: false },
          existing: undefined,
          pendingEarlier: undefined,
          template: first,
        },
        next,
        "gym",
        now,
      ),
    ).toEqual({ outcome: "series-inactive" });
  });

  test("given a series this backend does not know, then nothing", () => {
    expect(
      decideOccurrence(
        { series: undefined, existing: undefined, pendingEarlier: undefined, template: undefined },
        next,
        "gym",
        now,
      ),
    ).toEqual({ outcome: "unknown-series" });
  });

  test("given a date-only series whose instance had an 08:30 reminder, then the new instance is due on its date with no time and reminds at 08:30 local", () => {
    const daily = decideCreate(
      { title: "pills", recurrence: { rrule: "FREQ=DAILY", dtstart: "2026-12-08" } },
      ctx,
    );
    const template = {
      ...daily.task,
      status: "completed" as const,
      reminderTime: new Date("2026-12-08T07:30:00Z"),
      reminderId: "11111111-1111-4111-8111-111111111111",
    };
    const occurrence = new Date("2026-12-08T23:00:00Z"); // midnight of the 9th in Berlin
    const decision = decideOccurrence(
      { series: daily.series!, existing: undefined, pendingEarlier: undefined, template },
      occurrence,
      "pills",
      now,
    );
    if (decision.outcome !== "created") throw new Error(`expected created, got ${decision.outcome}`);
    expect([decision.task.dueDate, decision.task.dueAt, decision.task.reminderTime?.toISOString()]).toEqual([
      "2026-12-09",
      null,
      "2026-12-09T07:30:00.000Z",
    ]);
  });
});
