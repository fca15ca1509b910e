import type { BatchEventHandlers, EventFilters, EventHandlers } from "@todo/messaging";
import type { Clock } from "@todo/service-kit";
import { applyTaskEvent } from "./projection/apply-task-event.ts";
import {
  handleOccurrence,
  handleReminderEvent,
  handleReminderEvents,
  makesNotification,
} from "./reminders/handle-reminder-event.ts";

/**
 * The events the notifier reacts to, each handled once through its inbox: task changes fold into
 * the projection; a `task.occurrence` (where the backend landed a series' fire) and a one-time
 * `reminder.fired` make notifications.
 */
export const notifierHandlers = (clock: Clock): EventHandlers => ({
  "task-events": (tx, event) =>
    event.event_type === "task.occurrence" ? handleOccurrence(tx, event, clock) : applyTaskEvent(tx, event),
  reminders: (tx, event) => handleReminderEvent(tx, event, clock),
});

/** The same reactions for whole batches: a burst of fired reminders in a fixed number of statements. */
export const notifierBatchHandlers = (clock: Clock): BatchEventHandlers => ({
  reminders: (tx, events) => handleReminderEvents(tx, events, clock),
});

/** Reminders being scheduled or cancelled are the recurring service's business: no transaction, no inbox row. */
export const notifierIgnores: EventFilters = { reminders: (event) => !makesNotification(event) };
