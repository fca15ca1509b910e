// The distributed shape: backend, recurring and notifier as separate processes, each with its own
// PostgreSQL database, talking only through a real Kafka broker. Each process has its own test
// clock (TEST_CLOCK=1), moved together.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createPlatformaticKafkaTransport } from "../messaging/src/transports/kafka/platformatic-transport.ts";
import { freePort } from "../scripts/infra/free-port.ts";
import { startKafka, type KafkaBroker } from "../scripts/infra/kafka.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../scripts/testing/fresh-database.ts";
import { client, waitFor } from "../scripts/testing/http-client.ts";
import { spawnService, type ServiceProcess } from "../scripts/testing/service-process.ts";

const enabled = Boolean(process.env.TEST_DATABASE_URL);
const services: Record<string, ServiceProcess> = {};
const urls: Record<string, string> = {};
let kafka: KafkaBroker;
let env: Record<string, string>;
let api: ReturnType<typeof client>;
let now = new Date("2027-03-14T10:00:00Z");
let backendPort: number;

async function start(name: "backend" | "recurring" | "notifier") {
  // The notifier asks the backend about sessions and the backend forwards to the notifier: the
  // backend's port is picked first so each can be told the other's address.
  const extra: Record<string, string> =
    name === "backend"
      ? { NOTIFIER_URL: services.notifier!.url, PORT: String(backendPort) }
      : name === "notifier"
        ? { BACKEND_URL: `http://127.0.0.1:${backendPort}` }
        : {};
  services[name] = await spawnService(name, { ...env, ...extra, DATABASE_URL: urls[name]! });
  await client(services[name]!.url)("POST", "/test/clock", { now: now.toISOString() });
}

async function moveClocks(to: string | Date) {
  now = new Date(to);
  for (const service of Object.values(services))
    await client(service.url)("POST", "/test/clock", { now: now.toISOString() });
}

const notifications = async (status = "delivered,missed") =>
  (await api("GET", `/api/notifications?status=${status}`)).body.items as {
    task_id: string;
    kind: string;
    status: string;
    target_time: string;
    title: string;
  }[];

describe.skipIf(!enabled)("separate processes over Kafka and PostgreSQL", () => {
  beforeAll(async () => {
    kafka = await startKafka();
    for (const name of ["backend", "recurring", "notifier"]) urls[name] = await createPostgresDatabase();
    env = {
      EVENT_TRANSPORT: "kafka",
      KAFKA_BROKERS: kafka.brokers,
      KAFKA_PARTITIONS: "3",
      TEST_CLOCK: "1",
      AUTH_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      TOKEN_TTL_SECONDS: String(90 * 86400),
      DATA_DIR: `/tmp/distributed-${process.pid}`,
    };
    backendPort = await freePort();
    await start("notifier");
    await start("recurring");
    await start("backend");
    const signup = await client(services.backend!.url)("POST", "/api/auth/signup", {
      email: "dist@example.com",
      password: "separate processes",
      timezone: "Europe/Berlin",
    });
    expect(signup.status).toBe(201);
    api = client(services.backend!.url, signup.body.token);
  }, 120_000);

  afterAll(async () => {
    for (const service of Object.values(services)) {
      service.child.kill("SIGTERM");
      await service.child.exited;
    }
    await kafka?.stop();
    for (const url of Object.values(urls)) await dropPostgresDatabase(url);
  }, 60_000);

  test("a weekly series fires three times across DST and makes its instances and reminders", async () => {
    const created = await api("POST", "/api/tasks", {
      title: "submit weekly report",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
    });
    expect(created.status).toBe(201);
    const fridays = ["2027-03-19T13:00:00.000Z", "2027-03-26T13:00:00.000Z", "2027-04-02T12:00:00.000Z"];
    for (const [i, friday] of fridays.entries()) {
      await moveClocks(friday);
      const items = await waitFor(
        async () =>
          (await api("GET", `/api/tasks?series_id=${created.body.series_id}&sort=due`)).body.items as {
            id: string;
            due_at: string;
          }[],
        (l) => l.length === i + 1,
        `instance ${i + 1}`,
        60_000,
      );
      expect(items.at(-1)!.due_at).toBe(friday);
      await waitFor(
        () => notifications(),
        (l) => l.filter((n) => n.kind === "recurring").length === i + 1,
        `reminder ${i + 1}`,
        60_000,
      );
      await api("POST", `/api/tasks/${items.at(-1)!.id}/complete`);
    }
  }, 240_000);

  test("reminders due while the recurring service was down: late within the grace period are delivered, older ones missed, none twice", async () => {
    await moveClocks("2027-05-01T10:00:00Z");
    const early = await api("POST", "/api/tasks", {
      title: "call the bank",
      reminder_time: "2027-05-01T10:10:00Z",
    });
    const late = await api("POST", "/api/tasks", {
      title: "water the plants",
      reminder_time: "2027-05-01T10:25:00Z",
    });
    // Wait until the recurring service has the jobs, then take it down hard.
    await waitFor(
      async () =>
        (await fetch(`${services.recurring!.url}/metrics`).then((r) => r.text())).match(
          /events_consumed_total\{consumer="recurring",topic="reminders"\} (\d+)/,
        )?.[1],
      (n) => Number(n ?? 0) >= 2,
      "the reminders scheduled",
      60_000,
    );
    services.recurring!.child.kill("SIGKILL");
    await services.recurring!.child.exited;
    delete services.recurring;
    await moveClocks("2027-05-01T10:35:00Z"); // 25 and 10 minutes past their times
    await start("recurring");
    const shown = await waitFor(
      () => notifications(),
      (l) => l.some((n) => n.task_id === early.body.id) && l.some((n) => n.task_id === late.body.id),
      "both reminders",
      60_000,
    );
    expect(shown.find((n) => n.task_id === early.body.id)!.status).toBe("missed");
    expect(shown.find((n) => n.task_id === late.body.id)!.status).toBe("delivered");
    // A restart and a duplicate fire in Kafka change nothing.
    const fired = await firedEventsFor(late.body.id);
    await republish(fired);
    services.recurring!.child.kill("SIGKILL");
    await services.recurring!.child.exited;
    await start("recurring");
    await Bun.sleep(3000);
    const after = await notifications();
    expect(after.filter((n) => n.task_id === late.body.id)).toHaveLength(1);
    expect(after.filter((n) => n.task_id === early.body.id)).toHaveLength(1);
  }, 240_000);
});

async function firedEventsFor(taskId: string): Promise<{ key: string; value: string }[]> {
  // The services' own (default) Kafka adapter.
  const transport = createPlatformaticKafkaTransport({ brokers: [kafka.brokers], clientId: "e2e-probe" });
  const found: { key: string; value: string }[] = [];
  const subscription = await transport.subscribe({
    group: `probe-${crypto.randomUUID()}`,
    topics: ["reminders"],
    startAt: "earliest",
    onMessage: async ({ key, value }) => {
      if (value.includes(taskId) && value.includes("reminder.fired")) found.push({ key, value });
    },
  });
  await waitFor(
    async () => found.length,
    (n) => n > 0,
    "the fired event in Kafka",
    30_000,
  );
  await subscription.stop();
  await transport.close();
  return found;
}

async function republish(messages: { key: string; value: string }[]) {
  const transport = createPlatformaticKafkaTransport({ brokers: [kafka.brokers], clientId: "e2e-probe" });
  await transport.publish(
    [...messages, ...messages].map(({ key, value }) => ({ topic: "reminders", key, value, headers: {} })),
  );
  await transport.close();
}
