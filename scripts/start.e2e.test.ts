import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { runStart } from "./testing/run-start.ts";

let child: Subprocess<"ignore", "pipe", "inherit"> | undefined;
afterEach(() => child?.kill("SIGKILL"));

async function start(dataDir: string): Promise<{ backend: string; site: string; output: () => string }> {
  const started = await runStart({ DATA_DIR: dataDir });
  child = started.child;
  return { backend: started.urls.backend!, site: started.urls.site!, output: started.output };
}

test("npm start serves the API and the notifier on embedded defaults, keeps data across restarts, and stops cleanly on Ctrl-C", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "start-"));
  try {
    const first = await start(dataDir);
    expect((await fetch(`${first.backend}/readyz`)).status).toBe(200);
    // The site is the front door: its URL is printed first, and it serves the page.
    expect(
      first
        .output()
        .split("\n")
        .find((line) => /https?:\/\//.test(line)),
    ).toContain(first.site);
    // The first start is never silent: each service says what it is doing and when it is ready.
    for (const name of ["notifier", "recurring", "backend", "site"]) {
      expect(first.output()).toMatch(
        new RegExp(`start: ${name}: .+…\\nstart: ${name} ready in \\d+\\.\\d s`),
      );
    }
    expect(await (await fetch(first.site)).text()).toContain("<title>Chat todo</title>");
    expect((await fetch(`${first.site}/readyz`)).status).toBe(200);
    const signup = await fetch(`${first.backend}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "start@example.com", password: "persistent1" }),
    });
    expect(signup.status).toBe(201);
    const { token } = await signup.json();
    const created = await fetch(`${first.backend}/api/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: "survive a restart" }),
    });
    expect(created.status).toBe(201);
    const notifications = await fetch(`${first.backend}/api/notifications`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(notifications.status).toBe(200);
    expect(await notifications.json()).toEqual({ items: [], unread_count: 0 });
    child!.kill("SIGINT");
    expect(await child!.exited).toBe(0);
    await Bun.sleep(50); // the last line is read from the pipe after the exit
    expect(first.output()).toMatch(
      /start: Ctrl-C: stopped site, backend, recurring, notifier in \d+\.\d s; data kept in /,
    );

    const second = await start(dataDir);
    const list = await fetch(`${second.backend}/api/tasks`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await list.json()).items.map((t: { title: string }) => t.title)).toEqual(["survive a restart"]);
    child!.kill("SIGTERM");
    expect(await child!.exited).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
