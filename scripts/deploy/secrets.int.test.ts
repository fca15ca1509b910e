// SC-008 and FR-029 in the test suite: gitleaks finds nothing in the history, the working tree or
// the rendered manifests, and finds what it should in a folder seeded with credentials.
import { afterAll, expect, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CHARTS, ENVIRONMENTS, REPO_ROOT, renderChart } from "./helm.ts";
import { describeLeaks, scanDir, scanHistory } from "./secret-scan.ts";

const scratch = mkdtempSync(join(tmpdir(), "secret-scan-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test("no commit in the repository's history holds a secret", async () => {
  expect(describeLeaks(await scanHistory(REPO_ROOT))).toEqual([]);
});

test("no file of the working tree (tracked, or new and not ignored) holds a secret", async () => {
  const listed = Bun.spawnSync(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
  }).stdout.toString();
  const tree = join(scratch, "tree");
  for (const file of listed.split("\0").filter(Boolean)) {
    mkdirSync(join(tree, dirname(file)), { recursive: true });
    try {
      cpSync(join(REPO_ROOT, file), join(tree, file), { dereference: false });
    } catch {
      // Deleted in the working tree but still in the index: nothing to scan.
    }
  }
  expect(describeLeaks(await scanDir(tree))).toEqual([]);
});

test(".gitleaksignore lists only findings in past commits, never a file as it is now", () => {
  const entries = readFileSync(join(REPO_ROOT, ".gitleaksignore"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"));
  for (const entry of entries) expect(entry).toMatch(/^[0-9a-f]{40}:[^:]+:[a-z0-9-]+:\d+$/);
});

test("no rendered manifest, in either environment, holds a secret", async () => {
  const rendered = join(scratch, "rendered");
  mkdirSync(rendered);
  for (const chart of CHARTS)
    for (const env of ENVIRONMENTS)
      writeFileSync(join(rendered, `${chart}-${env}.yaml`), (await renderChart(chart, env)).text);
  expect(describeLeaks(await scanDir(rendered))).toEqual([]);
});

test("the scanner does find credentials that are there", async () => {
  // Made up at run time, so that no file in the repository holds one.
  const alnum = (n: number) =>
    Array.from(
      crypto.getRandomValues(new Uint8Array(n)),
      (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62],
    ).join("");
  const seeded = join(scratch, "seeded");
  mkdirSync(seeded);
  writeFileSync(join(seeded, "values.yaml"), `env:\n  GITHUB_TOKEN: ${`ghp_${alnum(36)}`}\n`);
  writeFileSync(
    join(seeded, "key.pem"),
    `-----BEGIN ${"RSA PRIVATE"} KEY-----\n${Array.from({ length: 12 }, () => alnum(64)).join("\n")}\n-----END ${"RSA PRIVATE"} KEY-----\n`,
  );
  const rules = (await scanDir(seeded)).map((l) => l.RuleID).sort();
  expect(rules).toEqual(["github-pat", "private-key"]);
});
