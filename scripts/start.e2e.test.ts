import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";

const root = join(import.meta.dir, "..");
let child: Subprocess<"ignore", "pipe", "inherit"> | undefined;
afterEach(() => child?.kill("SIGKILL"));

/** Runs `bun scripts/start.ts` as `npm start` does, and waits for the URLs it prints. */
async function start(dataDir: string): Promise<{ backend: string; output: () => string }> {
  child = Bun.spawn([process.execPath, "scripts/start.ts"], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, BACKEND_PORT: "0", RECURRING_PORT: "0", NOTIFIER_PORT: "0" }, stdout: "pipe", stderr: "inherit" });
  let output = "";
  const reader = child.stdout.getReader();
  const deadline = Date.now() + 60_000;
  while (!/backend\s+(http:\S+)/.test(output)) {
    if (Date.now() > deadline) throw new Error(`start did not print the backend URL: ${output}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`start exited early: ${output}`);
    output += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return { backend: /backend\s+(http:\S+)/.exec(output)![1]!, output: () => output };
}

test("npm start serves the API and the notifier on embedded defaults, keeps data across restarts, and stops cleanly on Ctrl-C", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "start-"));
  try {
    const first = await start(dataDir);
    expect((await fetch(`${first.backend}/readyz`)).status).toBe(200);
    const signup = await fetch(`${first.backend}/api/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "start@example.com", password: "persistent1" }) });
    expect(signup.status).toBe(201);
    const { token } = await signup.json();
    const created = await fetch(`${first.backend}/api/tasks`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ title: "survive a restart" }) });
    expect(created.status).toBe(201);
    const notifications = await fetch(`${first.backend}/api/notifications`, { headers: { authorization: `Bearer ${token}` } });
    expect(notifications.status).toBe(200);
    expect(await notifications.json()).toEqual({ items: [], unread_count: 0 });
    child!.kill("SIGINT");
    expect(await child!.exited).toBe(0);

    const second = await start(dataDir);
    const list = await fetch(`${second.backend}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
    expect((await list.json()).items.map((t: { title: string }) => t.title)).toEqual(["survive a restart"]);
    child!.kill("SIGTERM");
    expect(await child!.exited).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
