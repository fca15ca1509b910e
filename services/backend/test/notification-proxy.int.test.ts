import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestBackend, type TestBackend } from "./harness.ts";

let backend: TestBackend;
beforeAll(async () => void (backend = await startTestBackend("pglite")));
afterAll(() => backend.close());

test("when the notifier cannot be reached, /api/notifications answers 503 and the log keeps why", async () => {
  const { token } = await backend.signup();
  const answer = await backend.call("GET", "/api/notifications", { token });
  expect(answer.status).toBe(503);
  expect(answer.body).toMatchObject({ error: { code: "unavailable" } });
  const entry = backend.logs
    .map((line) => JSON.parse(line))
    .find((line) => line.msg === "notifier unreachable");
  expect(entry).toMatchObject({
    level: "error",
    path: "/api/notifications",
    error: { name: expect.any(String), message: expect.any(String) },
  });
});
