// The backend's task API and the recurring service's preview judge a rule with the same core, so
// they must agree on every rule: this feeds both the same seeded, generated rules (valid, invalid
// and never-occurring mixed) and compares their answers. The only difference allowed is the
// product's one policy: a task repeats at most daily (services/backend/src/recurrence/task-schedule-policy.ts).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createMemoryTransport, Metrics } from "@todo/messaging";
import type { Database } from "@todo/messaging/db";
import { fixedClock, createLogger, DEFAULT_MAX_CALLBACK_BYTES } from "@todo/service-kit";
import { createApp as createRecurringApp } from "../services/recurring/src/app.ts";
import { START, startTestBackend, type TestBackend } from "../services/backend/test/harness.ts";
import { generateRules } from "./rule-generator.ts";

const SEED = Number(process.env.RULE_SEED ?? 20261206);
const RULES = 400;
// After the backend's clock (START), so "the first occurrence from now on" and "the first
// occurrence from dtstart" are the same question.
const DTSTART = "2027-01-05T10:30:00";

// The preview needs no database: a stand-in that fails loudly if anything reaches it.
const noDatabase = new Proxy(
  {},
  {
    get: (_, prop) => {
      throw new Error(`the preview touched the database (${String(prop)})`);
    },
  },
) as Database;
const recurring = createRecurringApp({
  clock: fixedClock(START),
  database: noDatabase,
  transport: createMemoryTransport(),
  metrics: new Metrics(),
  limits: { maxBodyBytes: 64 * 1024 },
  maxCallbackBytes: DEFAULT_MAX_CALLBACK_BYTES,
  logger: createLogger({ service: "recurring" }),
});

async function preview(rrule: string, timezone: string): Promise<{ accepted: boolean; message?: string }> {
  const res = await recurring.handle(
    new Request("http://localhost/v1/recurrences/preview", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rrule, dtstart: DTSTART, timezone, count: 1 }),
    }),
  );
  const body = (await res.json()) as { occurrences?: string[]; error?: { message: string } };
  if (res.status === 200)
    return {
      accepted: body.occurrences!.length > 0,
      message: body.occurrences!.length > 0 ? undefined : "no occurrence",
    };
  return { accepted: false, message: body.error?.message };
}

let backend: TestBackend;
let token: string;
beforeAll(async () => {
  backend = await startTestBackend("pglite");
  token = (await backend.signup()).token;
});
afterAll(() => backend.close());

async function createTask(rrule: string, timezone: string): Promise<{ accepted: boolean; message?: string }> {
  const res = await backend.call("POST", "/api/tasks", {
    token,
    body: { title: "generated", recurrence: { rrule, dtstart: DTSTART, timezone } },
  });
  if (res.status === 201) return { accepted: true };
  if (res.status !== 400)
    throw new Error(`POST /api/tasks answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { accepted: false, message: res.body.error.message };
}

// "recurrence.rrule: X" from the backend, "rrule: X" from the preview: the core's words after the field.
const reason = (message = "") => message.replace(/^(recurrence\.)?[a-z]+: /, "");
const subDaily = (rrule: string) => /FREQ=(HOURLY|MINUTELY|SECONDLY)/.test(rrule);

describe("the task API and the preview accept exactly the same rules", () => {
  test(`${RULES} generated rules (seed ${SEED}) get the same answer from both, apart from the task policy on sub-daily rules`, async () => {
    const disagreements: string[] = [];
    let accepted = 0;
    for (const { rrule, timezone } of generateRules(SEED, RULES)) {
      const [task, shown] = [await createTask(rrule, timezone), await preview(rrule, timezone)];
      if (subDaily(rrule) && !task.accepted && task.message?.includes("repeats more often than a task can"))
        continue;
      if (task.accepted) accepted++;
      if (task.accepted !== shown.accepted)
        disagreements.push(
          `${rrule} in ${timezone}: task ${task.accepted ? "created" : `refused (${task.message})`}, preview ${shown.accepted ? "listed it" : `refused (${shown.message})`}`,
        );
      else if (
        !task.accepted &&
        shown.message !== "no occurrence" &&
        reason(task.message) !== reason(shown.message)
      )
        disagreements.push(
          `${rrule}: refused for different reasons: '${task.message}' and '${shown.message}'`,
        );
    }
    console.log(
      `rule acceptance: ${RULES} rules, ${accepted} accepted by both, ${disagreements.length} disagreements (seed ${SEED})`,
    );
    expect(disagreements).toEqual([]);
    // A generator that only made bad rules would prove nothing.
    expect(accepted).toBeGreaterThan(RULES / 5);
  }, 120_000);
});
