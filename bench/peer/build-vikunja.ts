// Builds Vikunja (the peer product of issue 19) from its source at a pinned commit, once, into
// ~/.cache/chat-todo/peer/vikunja-<commit>. What a machine like this one needs:
// - the source: a git directory holding the commit (VIKUNJA_GIT, or a clone from GitHub);
// - Go 1.27.3 through GOTOOLCHAIN (fetched from the Go module proxy by the installed go);
// - a placeholder frontend/dist (the binary embeds the web UI; the benchmark uses only the API);
// - two dependencies the Go module proxy refuses, taken from their repositories instead:
//   xormigrate v1.7.1 (XORMIGRATE_GIT) and caldav-go (CALDAV_GIT; the pinned fork commit is gone,
//   its newest commit plus a two-function shim serves: CalDAV is not in the workload).
// Returns the binary's path, or a sentence saying why it could not be built (the caller skips).
import { existsSync, mkdirSync, rmSync, writeFileSync, appendFileSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const VIKUNJA_COMMIT = "762dc4ebe";
const GO_TOOLCHAIN = "go1.27.3";
const CACHE = process.env.PEER_CACHE ?? join(homedir(), ".cache", "chat-todo", "peer");

const run = (cmd: string[], cwd?: string, env: Record<string, string> = {}) => {
  const result = Bun.spawnSync(cmd, { cwd, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  return { ok: result.exitCode === 0, output: `${result.stdout.toString()}${result.stderr.toString()}` };
};

// The two names Vikunja's pinned caldav-go fork adds (that commit is gone). The per-request config
// goes through caldav-go's globals: not safe for concurrent CalDAV users, and CalDAV is not in the workload.
const CALDAV_SHIM = `package caldav

import (
	"net/http"

	"github.com/samedi/caldav-go/data"
	"github.com/samedi/caldav-go/global"
	"github.com/samedi/caldav-go/handlers"
)

type Config struct {
	Storage             data.Storage
	User                *data.CalUser
	SupportedComponents []string
}

func HandleRequestWithConfig(request *http.Request, config Config) *handlers.Response {
	global.Storage = config.Storage
	global.User = config.User
	global.SupportedComponents = config.SupportedComponents
	return HandleRequest(request)
}
`;

/** A git directory that has `rev`: the one named by `envName`, else a clone into the cache. */
function gitSource(envName: string, url: string, rev: string): string | undefined {
  const candidates = [process.env[envName], join(CACHE, "git", url.split("/").slice(-2).join("+"))].filter(
    (d): d is string => !!d,
  );
  for (const dir of candidates)
    if (existsSync(dir) && run(["git", "--git-dir", dir, "cat-file", "-e", `${rev}^{commit}`]).ok) return dir;
  const clone = candidates.at(-1)!;
  rmSync(clone, { recursive: true, force: true });
  if (!run(["git", "clone", "--bare", "--quiet", url, clone]).ok) return undefined;
  return run(["git", "--git-dir", clone, "cat-file", "-e", `${rev}^{commit}`]).ok ? clone : undefined;
}

function extract(gitDir: string, rev: string, into: string): void {
  mkdirSync(into, { recursive: true });
  const archive = Bun.spawnSync(["git", "--git-dir", gitDir, "archive", rev], { stdout: "pipe" });
  Bun.spawnSync(["tar", "-x", "-C", into], { stdin: archive.stdout });
}

/** The path of a built Vikunja binary, building it when needed; a string starting "skipped:" when it cannot. */
export async function ensureVikunja(): Promise<{ binary: string } | { skipped: string }> {
  const out = join(CACHE, `vikunja-${VIKUNJA_COMMIT}`);
  const binary = join(out, "vikunja");
  if (existsSync(binary)) return { binary };
  if (!run(["go", "version"]).ok) return { skipped: "Go is not installed" };
  const vikunja = gitSource("VIKUNJA_GIT", "https://github.com/go-vikunja/vikunja", VIKUNJA_COMMIT);
  if (!vikunja)
    return {
      skipped: `Vikunja's source at ${VIKUNJA_COMMIT} could not be fetched (set VIKUNJA_GIT to a git directory that has it)`,
    };
  const xormigrate = gitSource("XORMIGRATE_GIT", "https://github.com/techknowlogick/xormigrate", "v1.7.1");
  const caldav = gitSource("CALDAV_GIT", "https://github.com/kolaente/caldav-go", "HEAD");
  if (!xormigrate || !caldav)
    return {
      skipped: "xormigrate v1.7.1 or caldav-go could not be fetched (set XORMIGRATE_GIT / CALDAV_GIT)",
    };
  const work = join(out, "build");
  rmSync(work, { recursive: true, force: true });
  extract(vikunja, VIKUNJA_COMMIT, join(work, "src"));
  extract(xormigrate, "v1.7.1", join(work, "xormigrate"));
  extract(caldav, "HEAD", join(work, "caldav-go"));
  writeFileSync(join(work, "caldav-go", "go.mod"), "module github.com/samedi/caldav-go\n\ngo 1.16\n");
  writeFileSync(join(work, "caldav-go", "vikunja_shim.go"), CALDAV_SHIM);
  mkdirSync(join(work, "src", "frontend", "dist"), { recursive: true });
  writeFileSync(
    join(work, "src", "frontend", "dist", "index.html"),
    "<!doctype html><title>placeholder: the benchmark uses the API only</title>\n",
  );
  const goMod = join(work, "src", "go.mod");
  writeFileSync(
    goMod,
    readFileSync(goMod, "utf8").replace(/^replace github.com\/samedi\/caldav-go .*$/m, ""),
  );
  appendFileSync(
    goMod,
    "\nreplace github.com/samedi/caldav-go => ../caldav-go\n\nreplace src.techknowlogick.com/xormigrate => ../xormigrate\n",
  );
  console.error(
    `bench/peer: building Vikunja ${VIKUNJA_COMMIT} with ${GO_TOOLCHAIN} (nice 15; several minutes the first time)`,
  );
  const built = run(["nice", "-n", "15", "go", "build", "-o", binary, "."], join(work, "src"), {
    GOTOOLCHAIN: GO_TOOLCHAIN,
    GOFLAGS: "-mod=mod -buildvcs=false",
  });
  if (!built.ok)
    return { skipped: `Vikunja did not build:\n${built.output.split("\n").slice(-20).join("\n")}` };
  return { binary };
}

/**
 * The environment that runs the built Vikunja the way issue 19 measured it: SQLite, registration
 * on, its own port (checked here: /api/v1/info and /api/v1/register answer, 90 MB resident).
 * Without a public URL it refuses to start ("service.publicurl is required when cors.enable is true").
 */
export function vikunjaEnv(dataDir: string, port: number): Record<string, string> {
  return {
    VIKUNJA_DATABASE_TYPE: "sqlite",
    VIKUNJA_DATABASE_PATH: join(dataDir, "vikunja.db"),
    VIKUNJA_FILES_BASEPATH: join(dataDir, "files"),
    VIKUNJA_SERVICE_INTERFACE: `127.0.0.1:${port}`,
    VIKUNJA_SERVICE_PUBLICURL: `http://127.0.0.1:${port}/`,
    VIKUNJA_SERVICE_ENABLEREGISTRATION: "true",
    VIKUNJA_SERVICE_SECRET: `bench-${crypto.randomUUID()}`,
    // Its default is 50; the bench reads every matching task in pages of 500 to compare the answers.
    VIKUNJA_SERVICE_MAXITEMSPERPAGE: "500",
  };
}
