import type { Subprocess } from "bun";
import { spawnUntil } from "./spawn-until.ts";

export interface ServiceProcess {
  name: string;
  url: string;
  child: Subprocess<"ignore", "pipe", "inherit">;
  output(): string;
}

/** Runs one service as its own process (`bun services/<name>/src/main.ts`) and waits until it listens. */
export async function spawnService(
  name: "backend" | "recurring" | "notifier",
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const pattern = new RegExp(`${name} listening on (http:\\S+)`);
  const { child, output } = await spawnUntil(
    [`services/${name}/src/main.ts`],
    { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    (text) => pattern.test(text),
    name,
    60_000,
  );
  return { name, url: pattern.exec(output())![1]!, child, output };
}
