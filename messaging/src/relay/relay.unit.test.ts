import { describe, expect, test } from "bun:test";
import { pruneDue } from "./outbox-relay.ts";
import { messageOf, type RelayRow } from "./publish-pending.ts";

const row = (overrides: Partial<RelayRow> = {}): RelayRow => ({
  id: "7",
  event_id: "e-1",
  topic: "task-events",
  key: "task-1",
  payload: { event_type: "task.created" },
  headers: { traceparent: "00-abc-def-01" },
  created_ms: "1796566862200.5",
  ...overrides,
});

describe("the relay's publish step: an outbox row as a message", () => {
  test("given jsonb handed over parsed, the payload travels as its JSON text with the row's headers", () => {
    expect(messageOf(row())).toEqual({
      topic: "task-events",
      key: "task-1",
      value: '{"event_type":"task.created"}',
      headers: { traceparent: "00-abc-def-01", event_id: "e-1", committed_at: "2026-12-06T14:21:02.200Z" },
    });
  });

  test("given jsonb handed over as text, the message is the same", () => {
    const asText = row({
      payload: '{"event_type":"task.created"}',
      headers: '{"traceparent":"00-abc-def-01"}',
    });
    expect(messageOf(asText)).toEqual(messageOf(row()));
  });

  test("a row's own event_id header cannot stand in for the row's event id", () => {
    expect(messageOf(row({ headers: { event_id: "forged" } })).headers.event_id).toBe("e-1");
  });
});

describe("the relay's loop: when it prunes", () => {
  test("given it never pruned, it prunes in its first round", () => {
    expect(pruneDue(0, -Infinity)).toBe(true);
  });

  test("given it pruned under a minute ago, it waits; from a minute on, it prunes again", () => {
    expect(pruneDue(59_999, 0)).toBe(false);
    expect(pruneDue(60_000, 0)).toBe(true);
  });
});
