import type { Subprocess } from "bun";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");

export interface ServiceProcess {
  name: string;
  url: string;
  child: Subprocess<"ignore", "pipe", "inherit">;
  output(): string;
}

/** Runs one service as its own process (`bun services/<name>/src/main.ts`) and waits until it listens. */
export async function spawnService(name: "backend" | "recurring" | "notifier", env: Record<string, string>): Promise<ServiceProcess> {
  const child = Bun.spawn([process.execPath, `services/${name}/src/main.ts`], { cwd: root, env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env }, stdout: "pipe", stderr: "inherit" });
  let output = "";
  const reader = child.stdout.getReader();
  const pattern = new RegExp(`${name} listening on (http:\\S+)`);
  const deadline = Date.now() + 60_000;
  while (!pattern.test(output)) {
    if (Date.now() > deadline) throw new Error(`${name} did not start: ${output}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`${name} exited early: ${output}`);
    output += new TextDecoder().decode(value);
  }
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      output += new TextDecoder().decode(value);
    }
  })();
  return { name, url: pattern.exec(output)![1]!, child, output: () => output };
}
