import { expect, test } from "bun:test";
import type { TaskUpdateEvent } from "@todo/schemas";
import { createEventHub } from "./event-hub.ts";

const event = (user: string, n: number): TaskUpdateEvent => ({
  schema_version: 1,
  event_id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  task_id: "00000000-0000-4000-8000-000000000000",
  user_id: user,
  timestamp: "2027-01-01T00:00:00Z",
  change_type: "created",
  summary: { title: `t${n}`, priority: "medium", tags: [], status: "pending" },
});

test("a stream gets only its user's events, and a redelivered event only once", () => {
  const hub = createEventHub({ replayPerUser: 10 });
  const got: number[] = [];
  hub.open("a", undefined, (e) => got.push(Number(e.summary.title.slice(1))));
  hub.publish(event("a", 1));
  hub.publish(event("b", 2));
  hub.publish(event("a", 1));
  expect(got).toEqual([1]);
  expect(hub.open("a", event("a", 1).event_id, () => {}).replay.kind).toBe("resume");
});

test("resume replays what followed the last id; an id that fell out of the ring resets", () => {
  const hub = createEventHub({ replayPerUser: 3 });
  for (let n = 1; n <= 5; n++) hub.publish(event("a", n));
  const resumed = hub.open("a", event("a", 3).event_id, () => {});
  expect(resumed.replay.kind === "resume" && resumed.replay.events.map((e) => e.summary.title)).toEqual([
    "t4",
    "t5",
  ]);
  expect(hub.open("a", event("a", 1).event_id, () => {}).replay.kind).toBe("reset");
  expect(hub.open("a", undefined, () => {}).replay.kind).toBe("fresh");
});

test("a user opening one stream too many has their oldest closed; other users' streams stay", () => {
  const hub = createEventHub({ replayPerUser: 3, maxStreamsPerUser: 2 });
  const closed: string[] = [];
  const got: string[] = [];
  for (const name of ["first", "second", "third"])
    hub.open(
      "a",
      undefined,
      (e) => got.push(`${name}:${e.summary.title}`),
      () => closed.push(name),
    );
  hub.open(
    "b",
    undefined,
    () => {},
    () => closed.push("b"),
  );
  expect(closed).toEqual(["first"]);
  expect(hub.connections()).toBe(3);
  hub.publish(event("a", 1));
  expect(got).toEqual(["second:t1", "third:t1"]);
});

test("closing a stream stops its events; the least recently active users are forgotten first", () => {
  const hub = createEventHub({ replayPerUser: 3, maxUsers: 2 });
  const got: string[] = [];
  const stream = hub.open("a", undefined, (e) => got.push(e.summary.title));
  expect(hub.connections()).toBe(1);
  stream.close();
  hub.publish(event("a", 1));
  expect(got).toEqual([]);
  expect(hub.connections()).toBe(0);
  hub.publish(event("b", 2));
  hub.publish(event("c", 3));
  expect(hub.open("a", event("a", 1).event_id, () => {}).replay.kind).toBe("reset");
  expect(hub.open("c", event("c", 3).event_id, () => {}).replay.kind).toBe("resume");
});
