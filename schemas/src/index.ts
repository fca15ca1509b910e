import "./formats.ts";
export {
  addCanonicalFormatFastPaths,
  checkBehindFastPath,
  isCanonicalInstant,
  isCanonicalUuid,
} from "./formats.ts";
import type { TSchema, Static } from "@sinclair/typebox";
import { TypeCompiler, type TypeCheck } from "@sinclair/typebox/compiler";
import { TaskEvent, TASK_EVENTS_TOPIC, TASK_EVENTS_VERSION } from "./task-events.ts";
import { ReminderEvent, REMINDERS_TOPIC, REMINDERS_VERSION } from "./reminders.ts";
import { TaskUpdateEvent, TASK_UPDATES_TOPIC, TASK_UPDATES_VERSION } from "./task-updates.ts";

export * from "./common.ts";
export * from "./envelope.ts";
export * from "./task-events.ts";
export * from "./reminders.ts";
export * from "./task-updates.ts";

interface TopicContract<S extends TSchema> {
  name: string;
  version: number;
  schema: S;
  check: TypeCheck<S>;
}

function contract<S extends TSchema>(name: string, version: number, schema: S): TopicContract<S> {
  return { name, version, schema, check: TypeCompiler.Compile(schema) };
}

/** Every topic the services exchange, declared once: name, contract version and schema. */
export const topics = {
  [TASK_EVENTS_TOPIC]: contract(TASK_EVENTS_TOPIC, TASK_EVENTS_VERSION, TaskEvent),
  [REMINDERS_TOPIC]: contract(REMINDERS_TOPIC, REMINDERS_VERSION, ReminderEvent),
  [TASK_UPDATES_TOPIC]: contract(TASK_UPDATES_TOPIC, TASK_UPDATES_VERSION, TaskUpdateEvent),
} as const;

export type TopicName = keyof typeof topics;
export type EventOf<T extends TopicName> = Static<(typeof topics)[T]["schema"]>;
export type AnyEvent = { [T in TopicName]: { topic: T; event: EventOf<T> } }[TopicName];

export const topicNames = Object.keys(topics) as TopicName[];

export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(topics, name);
}

/**
 * Checks an event against its topic's contract and returns the problems found (empty when valid).
 * @example
 * const problems = validateEvent("task-events", JSON.parse(message));
 * if (problems.length) sendToDlq(message, problems.join("; "));
 */
export function validateEvent(topic: TopicName, value: unknown): string[] {
  const { check } = topics[topic];
  if (check.Check(value)) return [];
  return [...check.Errors(value)].slice(0, 5).map((e) => `${e.path || "/"}: ${e.message}`);
}
export * from "./occurrence-id.ts";
