import type { Subprocess } from "bun";
import { spawnUntil } from "./spawn-until.ts";

export interface Started {
  child: Subprocess<"ignore", "pipe", "inherit">;
  urls: Record<string, string>;
  output: () => string;
}

/**
 * Runs `bun scripts/start.ts` as `npm start` does, on free ports, and waits for the URLs it prints
 * (`urls.site` too). The default wait is generous: the first start after a change to the site builds
 * it (a few seconds, more on a busy machine); a bench on a fresh clone may wait longer. `bunArgs` go
 * before the script (bench/memory preloads its probe with them).
 */
export async function runStart(
  env: Record<string, string | undefined>,
  expect = ["site", "backend", "recurring", "notifier"],
  timeoutMs = 120_000,
  bunArgs: string[] = [],
): Promise<Started> {
  const pattern = (name: string) => new RegExp(`${name}\\s+(http:\\S+)`);
  const { child, output } = await spawnUntil(
    [...bunArgs, "scripts/start.ts"],
    { ...process.env, SITE_PORT: "0", BACKEND_PORT: "0", RECURRING_PORT: "0", NOTIFIER_PORT: "0", ...env },
    (text) => expect.every((name) => pattern(name).test(text)),
    "start",
    timeoutMs,
  );
  const urls = Object.fromEntries(expect.map((name) => [name, pattern(name).exec(output())![1]!]));
  return { child, urls, output };
}
