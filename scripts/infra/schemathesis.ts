// Schemathesis (property-based API fuzzing, from PyPI) for the fuzz test tier: installed once into
// a virtual environment under ~/.cache/chat-todo and reused; concurrent callers wait on one lock.
//
//   node_modules/.bin/bun scripts/infra/schemathesis.ts      # installs it, prints the path of `st`
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const SCHEMATHESIS_VERSION = "4.32.5";
export const SCHEMATHESIS_VENV =
  process.env.SCHEMATHESIS_VENV ?? join(homedir(), ".cache", "chat-todo", "schemathesis-venv");
const STAMP = join(SCHEMATHESIS_VENV, ".installed");
const st = join(SCHEMATHESIS_VENV, "bin", "st");

const installed = () =>
  existsSync(st) && existsSync(STAMP) && readFileSync(STAMP, "utf8").trim() === SCHEMATHESIS_VERSION;

/**
 * The path of Schemathesis's `st`, installing it first when needed, or why it cannot be had
 * (no python3, no venv module, no network to PyPI).
 * @example const st = await ensureSchemathesis(); if (typeof st === "string") Bun.spawnSync([st, "--version"]);
 */
export async function ensureSchemathesis(): Promise<string | { unavailable: string }> {
  if (installed()) return st;
  if (Bun.which("python3") === null) return { unavailable: "python3 is not installed" };
  mkdirSync(join(SCHEMATHESIS_VENV, ".."), { recursive: true });
  // The stamp is written last, so an interrupted install is redone rather than trusted.
  const script = `[ "$(cat "$1/.installed" 2>/dev/null)" = "$2" ] && exit 0
rm -rf "$1" && python3 -m venv "$1" && "$1/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$2" && echo "$2" > "$1/.installed"`;
  const started = performance.now();
  const child = Bun.spawn(
    ["flock", `${SCHEMATHESIS_VENV}.lock`, "sh", "-c", script, "sh", SCHEMATHESIS_VENV, SCHEMATHESIS_VERSION],
    { stdout: "pipe", stderr: "pipe" },
  );
  const [code, err] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0 || !installed())
    return {
      unavailable: `installing schemathesis ${SCHEMATHESIS_VERSION} failed: ${err.trim().split("\n").slice(-3).join(" ")}`,
    };
  console.log(
    `schemathesis: ${SCHEMATHESIS_VERSION} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return st;
}

if (import.meta.main) {
  const result = await ensureSchemathesis();
  if (typeof result !== "string") {
    console.error(result.unavailable);
    process.exit(1);
  }
  console.log(result);
}
