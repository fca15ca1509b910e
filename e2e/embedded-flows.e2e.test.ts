// The product as `npm start` runs it (one process, PGlite per service, in-process events), with
// TEST_CLOCK=1 so that weeks pass in seconds.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { client, waitFor } from "../scripts/testing/http-client.ts";
import { runStart, type Started } from "../scripts/testing/run-start.ts";

let started: Started;
let dataDir: string;
let api: ReturnType<typeof client>;
const moveClock = (now: string) => client(started.urls.backend!)("POST", "/test/clock", { now });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "flows-"));
  // Weeks pass in this test: a session that outlives them saves signing in again.
  started = await runStart({ DATA_DIR: dataDir, TEST_CLOCK: "1", TOKEN_TTL_SECONDS: String(90 * 24 * 3600) });
  await moveClock("2027-03-14T10:00:00Z");
  const signup = await client(started.urls.backend!)("POST", "/api/auth/signup", {
    email: "flow@example.com",
    password: "every friday",
    timezone: "Europe/Berlin",
  });
  api = client(started.urls.backend!, signup.body.token);
});

afterAll(async () => {
  started.child.kill("SIGINT");
  await started.child.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

const notifications = async () =>
  (await api("GET", "/api/notifications")).body.items as {
    task_id: string;
    kind: string;
    status: string;
    target_time: string;
    message: string;
  }[];
const instances = async (seriesId: string) =>
  (await api("GET", `/api/tasks?series_id=${seriesId}&sort=due`)).body.items as {
    id: string;
    status: string;
    due_at: string;
    title: string;
  }[];

describe("a recurring task on embedded defaults", () => {
  test("fires three Fridays running at 2 PM Berlin time, across the DST change, making each instance and reminder with no user action", async () => {
    const created = await api("POST", "/api/tasks", {
      title: "submit weekly report",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=14;BYMINUTE=0" },
    });
    expect(created.status).toBe(201);
    const seriesId = created.body.series_id;
    expect(created.body.due_at).toBe("2027-03-19T13:00:00.000Z");

    const fridays = ["2027-03-19T13:00:00.000Z", "2027-03-26T13:00:00.000Z", "2027-04-02T12:00:00.000Z"];
    for (const [i, friday] of fridays.entries()) {
      await moveClock(friday);
      const listed = await waitFor(
        () => instances(seriesId),
        (list) => list.length === i + 1,
        `instance ${i + 1}`,
      );
      expect(listed.at(-1)).toMatchObject({
        due_at: friday,
        status: "pending",
        title: "submit weekly report",
      });
      await waitFor(notifications, (list) => list.length === i + 1, `reminder ${i + 1}`);
      // The user does this week's report, so next week's instance is not a conflict.
      await api("POST", `/api/tasks/${listed.at(-1)!.id}/complete`);
    }
    const all = await notifications();
    expect(all.map((n) => [n.kind, n.status, n.target_time]).sort()).toEqual(
      fridays.map((f) => ["recurring", "delivered", f]),
    );
    expect(all.every((n) => n.message === "It's time for: submit weekly report")).toBe(true);
  });

  test("a one-time reminder arrives at its time; one for a task completed first is suppressed", async () => {
    await moveClock("2027-05-01T08:00:00Z");
    const dentist = await api("POST", "/api/tasks", {
      title: "dentist appointment",
      reminder_time: "2027-05-02T07:00:00Z",
    });
    const gym = await api("POST", "/api/tasks", { title: "gym", reminder_time: "2027-05-02T07:00:00Z" });
    await api("POST", `/api/tasks/${gym.body.id}/complete`);
    await moveClock("2027-05-02T07:00:00Z");
    // By task: the clock's jump of a month also fires the weekly series' missed reminders, which may
    // still be on their way (background work yields to the requests made here), so a count would race.
    const list = await waitFor(
      notifications,
      (l) => l.some((n) => n.task_id === dentist.body.id),
      "the dentist reminder",
    );
    expect(list.filter((n) => n.task_id === dentist.body.id)).toEqual([
      expect.objectContaining({
        kind: "reminder",
        status: "delivered",
        message: "Reminder: dentist appointment",
      }),
    ]);
    expect(list.filter((n) => n.task_id === gym.body.id && n.status !== "suppressed")).toEqual([]);
    const suppressed = await waitFor(
      async () => (await api("GET", "/api/notifications?status=suppressed")).body.items,
      (l: unknown[]) => l.length === 1,
      "the suppressed gym reminder",
    );
    expect(suppressed[0]).toMatchObject({ task_id: gym.body.id, status: "suppressed" });
  });
});
