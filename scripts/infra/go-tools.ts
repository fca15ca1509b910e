// The Go-built tools the deployment tests run (helm, actionlint, gitleaks): built once from the Go
// module proxy with `go install` into ~/.cache/chat-todo/bin and reused. A binary is rebuilt only
// when `go version -m` says it came from another module version. A cold build of all three takes a
// few minutes on 2 cores (numbers in docs/deploy.md); concurrent callers wait on one file lock.
//
//   node_modules/.bin/bun scripts/infra/go-tools.ts [helm] [actionlint] [gitleaks]
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const GO_TOOLS = {
  helm: { pkg: "helm.sh/helm/v3/cmd/helm", module: "helm.sh/helm/v3", version: "v3.22.0" },
  actionlint: {
    pkg: "github.com/rhysd/actionlint/cmd/actionlint",
    module: "github.com/rhysd/actionlint",
    version: "v1.7.12",
  },
  gitleaks: {
    pkg: "github.com/zricethezav/gitleaks/v8",
    module: "github.com/zricethezav/gitleaks/v8",
    version: "v8.30.1",
  },
} as const;
export type GoToolName = keyof typeof GO_TOOLS;

export const GO_TOOLS_BIN = process.env.GO_TOOLS_BIN ?? join(homedir(), ".cache", "chat-todo", "bin");

/** The version `go version -m` reads from a built binary's module info, or undefined. */
function builtVersion(binary: string, module: string): string | undefined {
  if (!existsSync(binary)) return undefined;
  const out = Bun.spawnSync(["go", "version", "-m", binary], { stdout: "pipe", stderr: "pipe" });
  const line = out.stdout
    .toString()
    .split("\n")
    .find((l) => l.trim().startsWith("mod\t") || l.trim().startsWith("mod "));
  const fields = line?.trim().split(/\s+/) ?? [];
  return fields[1] === module ? fields[2] : undefined;
}

/**
 * Returns the path of a tool, building it first when it is missing or another version.
 * @example const helm = await ensureGoTool("helm"); Bun.spawnSync([helm, "version"]);
 */
export async function ensureGoTool(name: GoToolName): Promise<string> {
  const tool = GO_TOOLS[name];
  const binary = join(GO_TOOLS_BIN, name);
  if (Bun.which("go") === null)
    throw new Error(`${name}: Go is needed to build it (go install ${tool.pkg}@${tool.version})`);
  if (builtVersion(binary, tool.module) === tool.version) return binary;
  mkdirSync(GO_TOOLS_BIN, { recursive: true });
  // flock: two test files (or two checkouts) asking at once build once; the second finds it built.
  const lock = join(GO_TOOLS_BIN, `.${name}.lock`);
  const script = `[ "$(go version -m "$1" 2>/dev/null | awk '$1=="mod"{print $3}')" = "$2" ] || go install "$3@$2"`;
  const started = performance.now();
  const child = Bun.spawn(["flock", lock, "sh", "-c", script, "sh", binary, tool.version, tool.pkg], {
    env: { ...process.env, GOBIN: GO_TOOLS_BIN, CGO_ENABLED: "0" },
    stdout: "inherit",
    stderr: "inherit",
  });
  if ((await child.exited) !== 0) throw new Error(`${name}: go install ${tool.pkg}@${tool.version} failed`);
  if (builtVersion(binary, tool.module) !== tool.version)
    throw new Error(`${name}: built binary is not ${tool.version}`);
  console.log(
    `go-tools: ${name} ${tool.version} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return binary;
}

if (import.meta.main) {
  const names = (
    process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(GO_TOOLS)
  ) as GoToolName[];
  for (const name of names) {
    if (!(name in GO_TOOLS))
      throw new Error(`unknown tool ${name}; known: ${Object.keys(GO_TOOLS).join(", ")}`);
    console.log(`${name}: ${await ensureGoTool(name)}`);
  }
}
