// .github/workflows: actionlint (with shellcheck on the run: scripts when it is installed), actions
// pinned to versions, and the three jobs the issue asks for: tests, images + GitOps, secret scan.
import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { GO_TOOLS, ensureGoTool } from "../infra/go-tools.ts";
import { REPO_ROOT } from "./charts.ts";

const dir = join(REPO_ROOT, ".github", "workflows");
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Workflow = {
  on: Record<string, { branches?: string[]; "paths-ignore"?: string[] } | null>;
  jobs: Record<
    string,
    {
      needs?: string | string[];
      steps: Step[];
      strategy?: { matrix: { include: { service: string; dockerfile: string; "build-args": string }[] } };
    }
  >;
};
const workflow = (name: string) => parse(readFileSync(join(dir, name), "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

async function actionlint(args: string[]): Promise<{ code: number; output: string }> {
  const child = Bun.spawn([await ensureGoTool("actionlint"), "-color=false", ...args], {
    cwd: REPO_ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  const output = (await new Response(child.stdout).text()) + (await new Response(child.stderr).text());
  return { code: await child.exited, output };
}

test("actionlint finds nothing in the workflows", async () => {
  if (!Bun.which("shellcheck"))
    console.log("workflows: shellcheck not installed; actionlint checks the run: scripts without it");
  const result = await actionlint([]);
  expect(result.output).toBe("");
  expect(result.code).toBe(0);
});

test("actionlint does catch a broken workflow", async () => {
  const bad = join(mkdtempSync(join(tmpdir(), "actionlint-")), "bad.yaml");
  writeFileSync(
    bad,
    "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.no_such_context_value }}\n      - uses: actions/checkout@v4.2.2\n        with:\n          no-such-input: 1\n",
  );
  const result = await actionlint([bad]);
  expect(result.code).not.toBe(0);
  expect(result.output).toContain("no_such_context_value");
});

test("every action is pinned to a full version or a commit", () => {
  for (const file of files) {
    for (const step of steps(workflow(file))) {
      if (step.uses) expect(`${file}: ${step.uses}`).toMatch(/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
    }
  }
});

test("CI runs the test suite on every pull request and on pushes", () => {
  const ci = workflow("ci.yaml");
  expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(["pull_request", "push"]));
  expect(steps(ci).some((s) => s.run?.trim() === "npm test")).toBe(true);
});

test("a merge to main builds and pushes the four images tagged by commit, then commits the tags for Argo CD", () => {
  const release = workflow("release.yaml");
  expect(release.on.push!.branches).toEqual(["main"]);
  expect(release.on.push!["paths-ignore"]).toContain("helm/*/values-cloud.yaml");
  const matrix = release.jobs.images!.strategy!.matrix.include;
  expect(matrix.map((m) => m.service).sort()).toEqual(["backend", "notifier", "recurring", "site"]);
  for (const m of matrix)
    expect(readFileSync(join(REPO_ROOT, m.dockerfile), "utf8")).toContain("FROM oven/bun:");
  // The back-end services' one Dockerfile builds the service its SERVICE build argument names.
  for (const m of matrix)
    expect(m["build-args"]).toBe(m.dockerfile === "services/Dockerfile" ? `SERVICE=${m.service}` : "");
  const push = release.jobs.images!.steps.find((s) => s.uses?.startsWith("docker/build-push-action@"))!;
  expect(push.with!.push).toBe(true);
  expect(push.with!["build-args"]).toBe("${{ matrix.build-args }}");
  expect(String(push.with!.tags)).toContain(":${{ github.sha }}");
  expect(release.jobs.gitops!.needs).toBe("images");
  const gitops = release.jobs.gitops!.steps.map((s) => s.run ?? "").join("\n");
  expect(gitops).toContain("scripts/deploy/set-image-tag.ts");
  expect(gitops).toContain("--env cloud");
  expect(gitops).toContain("git push");
});

test("gitleaks scans every pull request and every push, the same version as the test suite", () => {
  const scan = workflow("secret-scan.yaml");
  expect(scan.on.pull_request).toBeNull();
  expect(scan.on.push).toBeNull();
  const run = steps(scan)
    .map((s) => s.run ?? "")
    .join("\n");
  expect(run).toContain(`${GO_TOOLS.gitleaks.pkg}@${GO_TOOLS.gitleaks.version}`);
  expect(run).toMatch(/gitleaks" git .*--exit-code 1/);
});
