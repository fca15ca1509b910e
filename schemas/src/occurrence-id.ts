import { createHash } from "node:crypto";

// A fixed namespace for name-based (v5) UUIDs of recurring instances.
const NAMESPACE = Buffer.from("6f1c2a8e4b7d4e0fa3c95d2b8e7f1a60", "hex");

/**
 * The task id of a series' instance for one occurrence: a UUID v5 of the series id and the
 * occurrence instant. Part of the contract: the backend creates the instance under this id and the
 * recurring service names it in `reminder.fired`, so both sides agree without asking each other.
 * @example
 * occurrenceTaskId("8c0e…", "2026-12-04T13:00:00.000Z") // always the same UUID for that pair
 */
export function occurrenceTaskId(seriesId: string, occurrenceAt: Date | string): string {
  const instant = new Date(occurrenceAt).toISOString();
  const hash = createHash("sha1").update(NAMESPACE).update(`${seriesId.toLowerCase()}@${instant}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The reminder id of one occurrence's fire: one notification per occurrence, however often it fires. */
export function occurrenceReminderId(seriesId: string, occurrenceAt: Date | string): string {
  return occurrenceTaskId(`reminder:${seriesId}`, occurrenceAt);
}
