import { Type, type Static, type TProperties } from "@sinclair/typebox";
import { Instant, Uuid } from "./common.ts";

/**
 * What an event on any topic carries besides its own fields: its topic's contract version, an id
 * unique to it (consumers drop a repeat by it), the task and user it is about (the task id is the
 * message key, so one task's events stay in order) and when it happened.
 */
export const EventEnvelope = <V extends number>(version: V) =>
  Type.Object({
    schema_version: Type.Literal(version),
    event_id: Uuid,
    task_id: Uuid,
    user_id: Uuid,
    timestamp: Instant,
  });
export type EventEnvelope = Static<ReturnType<typeof EventEnvelope<number>>>;

/**
 * A topic's event: the envelope of its contract version and the topic's own fields, as one flat
 * object (so the JSON Schema written for it reads as one object, not an `allOf`).
 * @example
 * export const ReminderEvent = topicEvent(REMINDERS_VERSION, { event_type: ReminderEventType, target_time: Instant });
 */
export const topicEvent = <V extends number, P extends TProperties>(version: V, properties: P) =>
  Type.Composite([EventEnvelope(version), Type.Object(properties)]);
