// python-dateutil in a cached virtual environment, and dateutil's own rrule test file taken from
// its PyPI source distribution, both under ~/.cache/chat-todo (made once, then reused offline).
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const DATEUTIL_VERSION = "4.0.0";
const CACHE = join(process.env.CHAT_TODO_CACHE ?? join(homedir(), ".cache/chat-todo"), "dateutil-venv");
const PYTHON = join(CACHE, "bin/python");
const SDIST = join(CACHE, "sdist");

function run(cmd: string[], cwd?: string): string {
  const result = Bun.spawnSync(cmd, { cwd, stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0)
    throw new Error(`${cmd.join(" ")} failed (${result.exitCode}): ${result.stderr.toString().slice(-2000)}`);
  return result.stdout.toString();
}

/** The venv's python with python-dateutil installed, made on first use (python3-venv, PyPI). */
export function dateutilPython(): string {
  if (!existsSync(PYTHON)) run(["python3", "-m", "venv", CACHE]);
  const installed = Bun.spawnSync([PYTHON, "-c", "import dateutil; print(dateutil.__version__)"], {
    stdout: "pipe",
  })
    .stdout.toString()
    .trim();
  if (installed !== DATEUTIL_VERSION)
    run([join(CACHE, "bin/pip"), "install", "-q", `python-dateutil==${DATEUTIL_VERSION}`]);
  return PYTHON;
}

/** tests/test_rrule.py of the same dateutil release, out of its source distribution. */
export function dateutilRruleTests(): string {
  const file = join(SDIST, `python_dateutil-${DATEUTIL_VERSION}`, "tests/test_rrule.py");
  if (existsSync(file)) return file;
  mkdirSync(SDIST, { recursive: true });
  run([
    join(CACHE, "bin/pip"),
    "download",
    "-q",
    "--no-binary",
    ":all:",
    "--no-deps",
    `python-dateutil==${DATEUTIL_VERSION}`,
    "-d",
    SDIST,
  ]);
  const archive = readdirSync(SDIST).find((name) => name.endsWith(".tar.gz"));
  if (!archive) throw new Error(`no source distribution of python-dateutil ${DATEUTIL_VERSION} in ${SDIST}`);
  run(["tar", "xzf", archive, `python_dateutil-${DATEUTIL_VERSION}/tests/test_rrule.py`], SDIST);
  return file;
}
