import type { Subprocess } from "bun";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");

export interface Started {
  child: Subprocess<"ignore", "pipe", "inherit">;
  urls: Record<string, string>;
  output: () => string;
}

/** Runs `bun scripts/start.ts` as `npm start` does and waits for the URLs it prints (`urls.site` too). */
export async function runStart(env: Record<string, string>, expect = ["site", "backend", "recurring", "notifier"]): Promise<Started> {
  const child = Bun.spawn([process.execPath, "scripts/start.ts"], { cwd: root, env: { ...process.env, SITE_PORT: "0", BACKEND_PORT: "0", RECURRING_PORT: "0", NOTIFIER_PORT: "0", ...env }, stdout: "pipe", stderr: "inherit" });
  let output = "";
  const reader = child.stdout.getReader();
  // Generous: the first start after a change to the site builds it (a few seconds, more on a busy machine).
  const deadline = Date.now() + 120_000;
  const pattern = (name: string) => new RegExp(`${name}\\s+(http:\\S+)`);
  while (!expect.every((name) => pattern(name).test(output))) {
    if (Date.now() > deadline) throw new Error(`start did not print every URL: ${output}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`start exited early: ${output}`);
    output += new TextDecoder().decode(value);
  }
  // Keep draining stdout so the child never blocks on a full pipe.
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      output += new TextDecoder().decode(value);
    }
  })();
  const urls = Object.fromEntries(expect.map((name) => [name, pattern(name).exec(output)![1]!]));
  return { child, urls, output: () => output };
}
