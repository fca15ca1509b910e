// Distributed shape: site replicas reading `task-updates` from a real Kafka broker, each in its own
// consumer group, on both Kafka clients. Needs TEST_KAFKA_BROKERS (npm test starts a broker).
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTransport, TransportConfigSchema, type Transport } from "@todo/messaging";
import { createTokenService, loadConfigFrom, systemClock } from "@todo/service-kit";
import type { TaskUpdateEvent } from "@todo/schemas";
import { loadConfig } from "../src/config.ts";
import { startSite } from "../src/main.ts";
import { sseReader } from "./sse-reader.ts";

const brokers = process.env.TEST_KAFKA_BROKERS;
const AUTH_SECRET = "site-kafka-test-secret-".padEnd(48, "k");
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const update = (userId: string, taskId: string, title: string): TaskUpdateEvent => ({
  schema_version: 1,
  event_id: crypto.randomUUID(),
  task_id: taskId,
  user_id: userId,
  timestamp: new Date().toISOString(),
  change_type: "updated",
  summary: { title, priority: "medium", tags: [], status: "pending" },
});

describe.skipIf(!brokers).each(["platformatic", "kafkajs"] as const)(
  "site replicas over Kafka (%s)",
  (client) => {
    const env = {
      EVENT_TRANSPORT: "kafka",
      KAFKA_CLIENT: client,
      KAFKA_BROKERS: brokers!,
      KAFKA_PARTITIONS: "3",
    };

    async function producer(): Promise<Transport> {
      const transport = await createTransport(
        loadConfigFrom(TransportConfigSchema, env),
        "site-test-producer",
      );
      cleanups.push(() => transport.close());
      await transport.ensureTopics(["task-updates"]);
      return transport;
    }

    async function replica(name: string) {
      const dataDir = mkdtempSync(join(tmpdir(), "site-kafka-"));
      const site = await startSite(
        loadConfig({
          ...env,
          DATA_DIR: dataDir,
          AUTH_SECRET,
          PORT: "0",
          SITE_CONSUMER_GROUP: `site-test-${name}-${crypto.randomUUID().slice(0, 8)}`,
        }),
      );
      cleanups.push(async () => {
        await site.stop();
        rmSync(dataDir, { recursive: true, force: true });
      });
      return site;
    }

    test("every replica relays every event to its own browsers, from the latest offset, never another user's", async () => {
      const kafka = await producer();
      const [userId, otherId, taskId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      const publish = (event: TaskUpdateEvent) =>
        kafka.publish([
          { topic: "task-updates", key: event.task_id, value: JSON.stringify(event), headers: {} },
        ]);
      // Published before the replicas exist: a new group starts after it, so nobody replays it.
      await publish(update(userId, taskId, "old news"));

      const replicas = await Promise.all([replica("a"), replica("b")]);
      const token = await createTokenService(AUTH_SECRET, 3600, systemClock).issue(userId);
      const streams = await Promise.all(
        replicas.map(async (site) =>
          sseReader(await site.handle(new Request(`http://site.test/events?token=${token}`))),
        ),
      );
      cleanups.push(() => streams.forEach((s) => s.close()));

      // A group joins in its own time; probe (same task, so same partition and order) until each
      // replica relays, then check what came first.
      for (const stream of streams) {
        for (let probe = 0; ; probe++) {
          await publish(update(otherId, taskId, `someone else's ${probe}`));
          await publish(update(userId, taskId, `probe ${probe}`));
          const frame = await stream.next(3000).catch(() => undefined);
          if (!frame) continue;
          const event = JSON.parse(frame.data) as TaskUpdateEvent;
          expect(event.user_id).toBe(userId);
          expect(event.summary.title).toStartWith("probe");
          break;
        }
      }
      const last = update(userId, taskId, "for everyone");
      await publish(last);
      for (const stream of streams) {
        let frame = await stream.next();
        while (JSON.parse(frame.data).summary.title.startsWith("probe")) frame = await stream.next();
        expect(frame.id).toBe(last.event_id);
      }
    }, 90_000);
  },
);
