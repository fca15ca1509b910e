import type { Subprocess } from "bun";
import { join } from "node:path";

export const root = join(import.meta.dir, "..", "..");

export interface Spawned {
  child: Subprocess<"ignore", "pipe", "inherit">;
  /** Everything the child has printed so far (stdout keeps being read, so it never blocks). */
  output(): string;
}

/**
 * Runs `bun <args>` from the repository root and waits until what it printed satisfies `ready`.
 * Throws with the output so far when it exits first or `timeoutMs` passes.
 */
export async function spawnUntil(
  args: string[],
  env: Record<string, string | undefined>,
  ready: (output: string) => boolean,
  what: string,
  timeoutMs: number,
): Promise<Spawned> {
  const child = Bun.spawn([process.execPath, ...args], { cwd: root, env, stdout: "pipe", stderr: "inherit" });
  let output = "";
  const reader = child.stdout.getReader();
  const deadline = Date.now() + timeoutMs;
  while (!ready(output)) {
    if (Date.now() > deadline) throw new Error(`${what} did not start: ${output}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`${what} exited early: ${output}`);
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
  return { child, output: () => output };
}
