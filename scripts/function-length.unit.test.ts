// No function over MAX_LINES lines outside tests and benches (issue 15): a long closure is a unit
// waiting to be named. ALLOWED names any exception ("file name") with its reason; it is empty.
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const MAX_LINES = 80;
const ALLOWED: Record<string, string> = {};

const root = join(import.meta.dir, "..");
const EXCLUDED = /\.test\.tsx?$|(^|\/)test\/|^bench\/|^e2e\/|\/drizzle\//;

function nameOf(node: ts.Node): string {
  const named = (node as { name?: ts.Node }).name;
  if (named) return named.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return "(anonymous)";
}

/** Every function of `file` longer than MAX_LINES, as "file:line name (N lines)". */
export function longFunctions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && (node as { body?: ts.Node }).body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const lines = source.getLineAndCharacterOfPosition(node.end).line - first + 1;
      if (lines > MAX_LINES) found.push(`${file}:${first + 1} ${nameOf(node)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test(`no function outside tests and benches is over ${MAX_LINES} lines`, () => {
  const files = Bun.spawnSync(["git", "ls-files", "*.ts", "*.tsx"], { cwd: root })
    .stdout.toString()
    .split("\n")
    .filter((file) => file && !EXCLUDED.test(file));
  const long = files.flatMap((file) => longFunctions(file, readFileSync(join(root, file), "utf8")));
  const unexplained = long.filter(
    (entry) => !ALLOWED[entry.replace(/:\d+ /, " ").replace(/ \(\d+ lines\)$/, "")],
  );
  expect(unexplained).toEqual([]);
});

test("the measure finds a long function and names it", () => {
  const body = Array.from({ length: MAX_LINES }, (_, i) => `  const v${i} = ${i};`).join("\n");
  expect(longFunctions("x.ts", `export function tooLong() {\n${body}\n}\n`)).toEqual([
    `x.ts:1 tooLong (${MAX_LINES + 2} lines)`,
  ]);
  expect(longFunctions("x.ts", "const short = () => 1;\n")).toEqual([]);
});
