// Process helpers for the cluster scripts: every heavy command runs under `nice -n 19` (the
// machine's 2 cores are shared), a failure names the command and its exit code, and each build
// step is timed and printed as it ends.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STAMPS } from "./config.ts";

export class CommandFailed extends Error {
  constructor(
    readonly argv: string[],
    readonly code: number,
    readonly output = "",
  ) {
    super(`command failed (exit ${code}): ${argv.join(" ")}${output ? `\n${output.slice(-2000)}` : ""}`);
  }
}

type RunOptions = {
  cwd?: string;
  env?: Record<string, string | undefined>;
  nice?: boolean;
  quiet?: boolean;
  stdin?: Blob | string;
};

/** Runs a command to completion, output to the terminal (or captured when quiet); throws CommandFailed. */
export async function run(argv: string[], opts: RunOptions = {}): Promise<string> {
  const cmd = opts.nice ? ["nice", "-n", "19", ...argv] : argv;
  const proc = Bun.spawn(cmd, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdin: opts.stdin === undefined ? "ignore" : new Blob([opts.stdin]),
    stdout: opts.quiet ? "pipe" : "inherit",
    stderr: opts.quiet ? "pipe" : "inherit",
  });
  const [out, err] = opts.quiet
    ? await Promise.all([
        new Response(proc.stdout as ReadableStream).text(),
        new Response(proc.stderr as ReadableStream).text(),
      ])
    : ["", ""];
  const code = await proc.exited;
  if (code !== 0) throw new CommandFailed(argv, code, `${out}${err}`);
  return out;
}

/** Runs a command and returns its exit code and output without throwing. */
export function probe(argv: string[], cwd?: string): { code: number; out: string } {
  const r = Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString() };
}

export const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * A cached build step: skipped when its stamp holds the same key (a version string), otherwise
 * run, timed, printed and stamped. Returns the seconds it took (0 when cached).
 */
export async function step(name: string, key: string, body: () => Promise<void>): Promise<number> {
  const stamp = join(STAMPS, name);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === key) {
    console.log(`cluster build: ${name} (${key}) cached`);
    return 0;
  }
  const started = performance.now();
  console.log(`cluster build: ${name} (${key}) ...`);
  await body();
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(stamp, key);
  const took = Number(seconds(started));
  console.log(`cluster build: ${name} done in ${took} s`);
  return took;
}

export const isStamped = (name: string, key: string) =>
  existsSync(join(STAMPS, name)) && readFileSync(join(STAMPS, name), "utf8") === key;
