import { describe, expect, test } from "bun:test";
import type { Logger } from "../../support/logger.ts";
import type { Delivered } from "../transport.ts";
import { DaprCallbacks } from "./dapr-callbacks.ts";
import { routeOf, subscriptionList } from "./dapr-routes.ts";

const PREFIX = "/dapr/events";

describe("Dapr's routes", () => {
  test("daprd's GET /dapr/subscribe asks for the subscription list", () => {
    expect(routeOf("GET", "/dapr/subscribe", PREFIX)).toEqual({ kind: "subscriptions" });
  });

  test("a POST under the prefix delivers an event of the topic its last segment names, decoded", () => {
    expect(routeOf("POST", `${PREFIX}/task%2Fevents`, PREFIX)).toEqual({
      kind: "delivery",
      topic: "task/events",
    });
  });

  test("other methods, other paths and segments that do not decode are not the transport's", () => {
    expect(routeOf("GET", `${PREFIX}/reminders`, PREFIX)).toBeUndefined();
    expect(routeOf("POST", "/api/tasks", PREFIX)).toBeUndefined();
    expect(routeOf("POST", `${PREFIX}/%E0%A4%A`, PREFIX)).toBeUndefined();
  });

  test("the subscription list names each topic's route, with raw payloads and no dead-letter topic", () => {
    expect(subscriptionList(["task events"], "pubsub-kafka", PREFIX)).toEqual([
      {
        pubsubname: "pubsub-kafka",
        topic: "task events",
        route: `${PREFIX}/task%20events`,
        metadata: { rawPayload: "true" },
      },
    ]);
  });
});

function callbacks() {
  const warnings: string[] = [];
  const log = { warn: (line: string) => warnings.push(line) } as unknown as Logger;
  return {
    warnings,
    dapr: new DaprCallbacks({ pubsubName: "pubsub-kafka", prefix: PREFIX, escapedHeaders: true, log }),
  };
}

const delivery = (topic: string, body: string) =>
  new Request(`http://app${PREFIX}/${topic}`, {
    method: "POST",
    body,
    headers: { __key: "task-1", __partition: "2", __offset: "41", event_id: "e-1" },
  });
const event = (text: string) =>
  JSON.stringify({ specversion: "1.0", id: "ce-1", data_base64: Buffer.from(text).toString("base64") });
const statusOf = async (response: Response | undefined) =>
  ((await response!.json()) as { status: string }).status;

describe("Dapr's callbacks", () => {
  test("a delivery reaches its topic's subscriber and is answered SUCCESS", async () => {
    const { dapr } = callbacks();
    const got: Delivered[] = [];
    dapr.subscribe({ group: "g", topics: ["reminders"], onMessage: async (m) => void got.push(m) });
    expect(await statusOf(await dapr.handle(delivery("reminders", event('{"a":1}'))))).toBe("SUCCESS");
    expect(got).toEqual([
      {
        topic: "reminders",
        key: "task-1",
        value: '{"a":1}',
        headers: { event_id: "e-1" },
        partition: 2,
        offset: "41",
      },
    ]);
  });

  test("a subscriber that throws gets RETRY, so Dapr delivers the event again", async () => {
    const { dapr, warnings } = callbacks();
    dapr.subscribe({
      group: "g",
      topics: ["reminders"],
      onMessage: () => Promise.reject(new Error("db down")),
    });
    expect(await statusOf(await dapr.handle(delivery("reminders", event("{}"))))).toBe("RETRY");
    expect(warnings).toHaveLength(1);
  });

  test("a topic nobody subscribes to, or any delivery after close, is RETRY: Dapr keeps the event", async () => {
    const { dapr } = callbacks();
    const subscription = dapr.subscribe({ group: "g", topics: ["reminders"], onMessage: async () => {} });
    expect(await statusOf(await dapr.handle(delivery("task-events", event("{}"))))).toBe("RETRY");
    await subscription.stop();
    expect(await statusOf(await dapr.handle(delivery("reminders", event("{}"))))).toBe("RETRY");
    dapr.subscribe({ group: "g", topics: ["reminders"], onMessage: async () => {} });
    await dapr.close();
    expect(await statusOf(await dapr.handle(delivery("reminders", event("{}"))))).toBe("RETRY");
  });

  test("a body that is not JSON is DROPped, and its content stays out of the log", async () => {
    const { dapr, warnings } = callbacks();
    dapr.subscribe({ group: "g", topics: ["reminders"], onMessage: async () => {} });
    expect(await statusOf(await dapr.handle(delivery("reminders", "secret title")))).toBe("DROP");
    expect(warnings.join()).not.toContain("secret");
  });

  test("the subscription list holds the subscribed topics; a subscription after it was read is warned about", async () => {
    const { dapr, warnings } = callbacks();
    dapr.subscribe({ group: "g", topics: ["reminders"], onMessage: async () => {} });
    const listed = (await (await dapr.handle(new Request("http://app/dapr/subscribe")))!.json()) as {
      topic: string;
    }[];
    expect(listed.map((s) => s.topic)).toEqual(["reminders"]);
    dapr.subscribe({ group: "h", topics: ["task-events"], onMessage: async () => {} });
    expect(warnings.join()).toContain("after daprd read the subscription list");
  });

  test("a second subscriber for a topic is refused; a request that is not Dapr's is left to the app", async () => {
    const { dapr } = callbacks();
    dapr.subscribe({ group: "g", topics: ["reminders"], onMessage: async () => {} });
    expect(() => dapr.subscribe({ group: "h", topics: ["reminders"], onMessage: async () => {} })).toThrow(
      "already has a subscriber",
    );
    expect(await dapr.handle(new Request("http://app/api/tasks"))).toBeUndefined();
  });
});
