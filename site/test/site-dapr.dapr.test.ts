// The site as it runs in Kubernetes with EVENT_TRANSPORT=dapr: a real daprd 1.18 sidecar (with an
// app API token, as the charts give it) on a real Kafka broker. Run with `npm test -- --tier dapr`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenService, systemClock } from "@todo/service-kit";
import type { TaskUpdateEvent } from "@todo/schemas";
import { renderComponent, startSidecar } from "../../scripts/infra/dapr.ts";
import { freePort } from "../../scripts/infra/free-port.ts";
import { startKafka, type KafkaBroker } from "../../scripts/infra/kafka.ts";
import { loadConfig } from "../src/config.ts";
import { startSite } from "../src/main.ts";
import { sseReader } from "./sse-reader.ts";

const AUTH_SECRET = "site-dapr-test-secret-".padEnd(48, "x");
const APP_API_TOKEN = `app-token-${crypto.randomUUID()}`;
let ownBroker: KafkaBroker | undefined;
let dataDir: string;
let sidecar: Awaited<ReturnType<typeof startSidecar>>;
let site: Awaited<ReturnType<typeof startSite>>;
let siteUrl: string;
const cleanups: (() => Promise<unknown>)[] = [];

const update = (userId: string, title: string): TaskUpdateEvent => ({
  schema_version: 1,
  event_id: crypto.randomUUID(),
  task_id: crypto.randomUUID(),
  user_id: userId,
  timestamp: new Date().toISOString(),
  change_type: "created",
  summary: { title, priority: "medium", tags: [], status: "pending" },
});

async function openStream(userId: string) {
  const token = await createTokenService(AUTH_SECRET, 3600, systemClock).issue(userId);
  const response = await fetch(`${siteUrl}/events?token=${token}`);
  expect(response.status).toBe(200);
  return sseReader(response);
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("the site behind a real Dapr sidecar", () => {
  beforeAll(async () => {
    let brokers = process.env.TEST_KAFKA_BROKERS ?? "";
    if (!brokers) {
      ownBroker = await startKafka();
      brokers = ownBroker.brokers;
    }
    dataDir = mkdtempSync(join(tmpdir(), "site-dapr-"));
    const componentsDir = join(dataDir, "components");
    const group = `site-dapr-${crypto.randomUUID().slice(0, 8)}`;
    await renderComponent(componentsDir, "pubsub-kafka", {
      name: "pubsub-kafka",
      brokers,
      consumerGroup: group,
    });
    const appPort = await freePort();
    // The sidecar first, as in a pod: it reads the app's subscriptions once the app answers.
    sidecar = await startSidecar({ appId: group, appPort, componentsDir, env: { APP_API_TOKEN } });
    cleanups.push(() => sidecar.stop());
    site = await startSite(
      loadConfig({
        DATA_DIR: dataDir,
        AUTH_SECRET,
        PORT: String(appPort),
        HOST: "127.0.0.1",
        EVENT_TRANSPORT: "dapr",
        DAPR_HTTP_PORT: String(sidecar.httpPort),
        APP_API_TOKEN,
        SITE_CONSUMER_GROUP: group,
      }),
    );
    cleanups.push(() => site.stop());
    siteUrl = `http://127.0.0.1:${appPort}`;
  }, 120_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.warn("cleanup:", e));
    await ownBroker?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("the sidecar subscribes the site to task-updates, and a published event reaches the user's stream", async () => {
    const userId = crypto.randomUUID();
    const stream = await openStream(userId);
    const event = update(userId, "through dapr");
    // The sidecar reads the subscription list shortly after the app answers: publish until it arrives.
    const publish = () =>
      fetch(
        `http://127.0.0.1:${sidecar.httpPort}/v1.0/publish/pubsub-kafka/task-updates?metadata.rawPayload=true&metadata.partitionKey=${event.task_id}`,
        { method: "POST", body: JSON.stringify(event), headers: { "content-type": "application/json" } },
      );
    expect((await publish()).status).toBe(204);
    const frame = await stream.next(60_000);
    expect(JSON.parse(frame.data)).toMatchObject({
      event_id: event.event_id,
      summary: { title: "through dapr" },
    });
    await stream.close();
  }, 90_000);

  test("without the sidecar's token the site's /dapr routes answer 401 and a forged event reaches nobody", async () => {
    const userId = crypto.randomUUID();
    const stream = await openStream(userId);
    const forged = update(userId, "forged from outside");
    const post = (headers: Record<string, string>) =>
      fetch(`${siteUrl}/dapr/events/task-updates`, {
        method: "POST",
        body: JSON.stringify({
          data: forged,
          datacontenttype: "application/json",
          id: forged.event_id,
          specversion: "1.0",
          type: "com.dapr.event.sent",
          source: "x",
          topic: "task-updates",
          pubsubname: "pubsub-kafka",
        }),
        headers: { "content-type": "application/cloudevents+json", ...headers },
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ "dapr-api-token": "a-guessed-token-of-some-length" })).status).toBe(401);
    expect((await fetch(`${siteUrl}/dapr/subscribe`)).status).toBe(401);
    const listed = await fetch(`${siteUrl}/dapr/subscribe`, { headers: { "dapr-api-token": APP_API_TOKEN } });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual([
      expect.objectContaining({ pubsubname: "pubsub-kafka", topic: "task-updates" }),
    ]);
    await expect(stream.next(1_500)).rejects.toThrow();
    await stream.close();
  }, 30_000);
});
