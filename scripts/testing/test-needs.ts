// Which prepared tools a set of test files needs, read from what they reach: each file's own text and
// the text of every repository file it imports, directly or through other local files. A test that
// reaches `ensureGoTool("helm")` needs helm; one that reaches `ensureChromium` needs Chromium, and so on.
// Reading the import graph instead of keeping a list by hand means a new test cannot forget to ask.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** A tool the suite can prepare, and the words in the code that show a test needs it. */
export interface NeedMarker {
  name: string;
  pattern: RegExp;
}

const transpiler = new Bun.Transpiler({ loader: "ts" });

function resolveLocal(from: string, spec: string, root: string): string | undefined {
  if (!spec.startsWith(".")) return undefined; // packages need nothing prepared for them
  const base = resolve(dirname(from), spec);
  const candidate = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find(
    (path) => existsSync(path) && !path.endsWith("/"),
  );
  if (!candidate?.startsWith(root) || candidate.includes("/node_modules/")) return undefined;
  return /\.(ts|tsx|js|mjs)$/.test(candidate) ? candidate : undefined;
}

/** Every repository source file the given file reaches through relative imports, itself included. */
export function reachableFiles(entry: string, root: string, seen = new Set<string>()): Set<string> {
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    for (const { path } of transpiler.scanImports(code)) {
      const next = resolveLocal(file, path, root);
      if (next && !seen.has(next)) pending.push(next);
    }
  }
  return seen;
}

/**
 * The names of the markers that any of the test files reaches.
 * @example needsOf(["scripts/deploy/charts.int.test.ts"], root, markers) // → Set {"helm"}
 */
export function needsOf(testFiles: string[], root: string, markers: NeedMarker[]): Set<string> {
  const files = new Set<string>();
  for (const test of testFiles) reachableFiles(test, root, files);
  const needs = new Set<string>();
  for (const file of files) {
    // Transpiled, so that words in comments (a JSDoc @example) do not count as a use.
    const code = transpiler.transformSync(readFileSync(file, "utf8"));
    for (const marker of markers) if (marker.pattern.test(code)) needs.add(marker.name);
  }
  return needs;
}

/** For messages: a path relative to the repository. */
export const fromRoot = (root: string, path: string) => relative(root, path);
