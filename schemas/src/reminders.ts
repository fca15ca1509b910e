import { Type, type Static } from "@sinclair/typebox";
import { Instant, Uuid, literals } from "./common.ts";
import { topicEvent } from "./envelope.ts";

export const REMINDERS_TOPIC = "reminders";
export const REMINDERS_VERSION = 1;

export const ReminderEventType = literals("reminder.scheduled", "reminder.cancelled", "reminder.fired");
export type ReminderEventType = Static<typeof ReminderEventType>;

export const ReminderType = literals("one-time", "recurring");
export type ReminderType = Static<typeof ReminderType>;

/**
 * `reminders`: `reminder.scheduled` / `reminder.cancelled` (backend → recurring, one per
 * scheduling action) and `reminder.fired` (recurring → notifier, backend), keyed by `task_id`.
 * A fire found too late for the grace period is still published, with `missed: true`, so the
 * notifier can record it as missed: nothing is dropped silently.
 */
export const ReminderEvent = topicEvent(REMINDERS_VERSION, {
  event_type: ReminderEventType,
  reminder_id: Uuid,
  target_time: Instant,
  reminder_type: ReminderType,
  series_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  title: Type.Optional(Type.String()),
  missed: Type.Optional(Type.Boolean()),
  /** a recurring fire of a date-only (all-day) series: the occurrence is a date, fired at its local midnight */
  all_day: Type.Optional(Type.Boolean()),
});
export type ReminderEvent = Static<typeof ReminderEvent>;
