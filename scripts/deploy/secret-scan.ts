// Secret scanning with gitleaks (built from the Go module proxy by scripts/infra/go-tools.ts, the same
// version .github/workflows/secret-scan.yaml runs): the git history, the files of the working tree,
// and any folder of generated files (rendered manifests).
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureGoTool } from "../infra/go-tools.ts";

export interface Leak {
  RuleID: string;
  File: string;
  StartLine: number;
  Commit?: string;
}

async function gitleaks(args: string[], cwd: string): Promise<Leak[]> {
  const bin = await ensureGoTool("gitleaks");
  const out = mkdtempSync(join(tmpdir(), "gitleaks-"));
  const report = join(out, "report.json");
  try {
    const child = Bun.spawn(
      [
        bin,
        ...args,
        "--no-banner",
        "--redact",
        "--report-format",
        "json",
        "--report-path",
        report,
        "--exit-code",
        "0",
      ],
      { cwd, stdout: "pipe", stderr: "pipe" },
    );
    const stderr = await new Response(child.stderr).text();
    if ((await child.exited) !== 0 || !existsSync(report))
      throw new Error(`gitleaks ${args[0]} failed:\n${stderr}`);
    return JSON.parse(readFileSync(report, "utf8")) as Leak[];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Leaks in every commit of the repository at `repo`. */
export function scanHistory(repo: string): Promise<Leak[]> {
  return gitleaks(["git", "--log-opts=--all", "."], repo);
}

/** Leaks in the files under `dir` (every file, ignored or not: give it a folder of what matters). */
export function scanDir(dir: string): Promise<Leak[]> {
  return gitleaks(["dir", "."], dir);
}

/** A readable line per leak, for test failures. */
export const describeLeaks = (leaks: Leak[]) =>
  leaks.map(
    (l) => `${l.File}:${l.StartLine} ${l.RuleID}${l.Commit ? ` (commit ${l.Commit.slice(0, 8)})` : ""}`,
  );
