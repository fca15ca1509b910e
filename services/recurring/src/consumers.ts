import type { EventFilters, EventHandlers } from "@todo/messaging";
import { notifyWakeUp, type Db } from "@todo/messaging/db";
import type { Clock, Logger } from "@todo/service-kit";
import { JOBS_CHANNEL } from "./schedules/embedded-scheduler.ts";
import { concernsSeries, planFromReminderEvent, planFromTaskEvent } from "./schedules/plan-jobs.ts";

export const CONSUMER = "recurring";

// NOTIFY is delivered when the transaction commits, so the scheduler looks again exactly when the
// changed jobs are visible (a wake-up before the commit would find nothing new and sleep on).
const jobsChanged = (tx: Db) => notifyWakeUp(tx, JOBS_CHANNEL);

/** Keeps the schedule in step with what the backend says. */
export const recurringHandlers = (clock: Clock, logger: Logger): EventHandlers => ({
  // Only a change in `jobs` wakes the scheduler: most task events (and our own fires) change nothing.
  "task-events": async (tx, event) => {
    if (await planFromTaskEvent(tx, event, clock, logger)) await jobsChanged(tx);
  },
  reminders: async (tx, event) => {
    if (await planFromReminderEvent(tx, event, clock)) await jobsChanged(tx);
  },
});

/** Task events without a series (most of them) are not this service's business: no transaction, no inbox row. */
export const recurringIgnores: EventFilters = { "task-events": (event) => !concernsSeries(event) };
