import { expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import { startBackend } from "../src/main.ts";

const dataDir = () => mkdtempSync(join(tmpdir(), "clock-"));

test("with TEST_CLOCK=1 a running backend's clock can be moved, and it acts at the moved time", async () => {
  const dir = dataDir();
  const backend = await startBackend(loadConfig({ DATA_DIR: dir, PORT: "0", TEST_CLOCK: "1" }));
  try {
    const moved = await fetch(`${backend.url}/test/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ now: "2030-01-01T00:00:00Z" }),
    });
    expect(moved.status).toBe(200);
    expect(Date.parse((await moved.json()).now)).toBeGreaterThanOrEqual(Date.parse("2030-01-01T00:00:00Z"));
    const signup = await fetch(`${backend.url}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "future@example.com", password: "time travel" }),
    });
    const { token } = await signup.json();
    const task = await fetch(`${backend.url}/api/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: "from the future" }),
    });
    expect((await task.json()).created_at.slice(0, 4)).toBe("2030");
  } finally {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("without TEST_CLOCK there is no way to move the clock", async () => {
  const dir = dataDir();
  const backend = await startBackend(loadConfig({ DATA_DIR: dir, PORT: "0" }));
  try {
    expect((await fetch(`${backend.url}/test/clock`, { method: "POST", body: "{}" })).status).toBe(404);
  } finally {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a production service refuses to start with TEST_CLOCK=1", () => {
  expect(() => loadConfig({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(40), TEST_CLOCK: "1" })).toThrow(
    "TEST_CLOCK=1 is refused",
  );
});
