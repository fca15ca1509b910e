import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { outbox } from "../src/db/schema.ts";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

// The clock stands at Saturday 2026-11-28 11:00 in Berlin (10:00 UTC).
describe.each(drivers)("chat on %s", (driver) => {
  let backend: TestBackend;
  let token: string;
  beforeAll(async () => {
    backend = await startTestBackend(driver);
    token = (await backend.signup(undefined, "Europe/Berlin")).token;
  });
  afterAll(() => backend.close());

  const say = async (message: string, conversation_id?: string, as = token) => {
    const res = await backend.call("POST", "/api/chat", { body: conversation_id ? { message, conversation_id } : { message }, token: as });
    expect(res.status).toBe(200);
    return res.body as { conversation_id: string; reply: string; tasks?: any[]; actions: { type: string; task_id?: string }[] };
  };
  const tasks = async (query = "", as = token) => (await backend.call("GET", `/api/tasks?limit=500${query}`, { token: as })).body.items as any[];
  const byTitle = async (title: string, as = token) => (await tasks("", as)).filter((t) => t.title === title);
  const outboxCount = async () => (await backend.deps.database.db.select().from(outbox)).length;
  const freshUser = async () => (await backend.signup(undefined, "Europe/Berlin")).token;

  test("adding a high-priority task with tags creates it and confirms the details", async () => {
    const res = await say("Add a high-priority task: buy flight tickets, tags: travel, urgent");
    expect(res.reply).toBe("I've added 'buy flight tickets' (high priority, tags: travel, urgent).");
    const [task] = await byTitle("buy flight tickets");
    expect(task).toMatchObject({ priority: "high", tags: ["travel", "urgent"], status: "pending" });
    expect(res.actions).toEqual([{ type: "task.created", task_id: task.id }]);
    expect(res.tasks).toBeUndefined();
  });
});
