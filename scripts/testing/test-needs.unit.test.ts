import { describe, expect, test } from "bun:test";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needsOf } from "./test-needs.ts";

const root = join(import.meta.dir, "..", "..");
const markers = [
  { name: "helm", pattern: /ensureGoTool\("helm"\)/ },
  { name: "chromium", pattern: /await ensureChromium\(/ },
];

describe("what a test needs prepared is read from what it imports", () => {
  test("a test that renders the charts needs helm, found through scripts/deploy/helm.ts", () => {
    expect([...needsOf(["scripts/deploy/charts.int.test.ts"], root, markers)]).toEqual(["helm"]);
  });

  test("a browser flow needs Chromium, found through scripts/testing/browser.ts", () => {
    expect(needsOf(["e2e/site-flows.e2e.test.ts"], root, markers).has("chromium")).toBe(true);
  });

  test("a pure unit test needs nothing", () => {
    expect(needsOf(["services/recurring/src/config.unit.test.ts"], root, markers).size).toBe(0);
  });

  test("a use mentioned only in a comment does not count, a use two imports away does", () => {
    // The calls are put together at run time so that this file itself does not read as needing Chromium.
    const chromiumCall = ["await", "ensureChromium()"].join(" ");
    const helmCall = ["ensureGoTool", `("helm")`].join("");
    const dir = mkdtempSync(join(tmpdir(), "test-needs-"));
    mkdirSync(join(dir, "lib"));
    writeFileSync(
      join(dir, "a.unit.test.ts"),
      `// ${chromiumCall} is not called here\nimport { b } from "./lib/b.ts";\nb();`,
    );
    writeFileSync(join(dir, "lib", "b.ts"), `import { c } from "./c";\nexport const b = () => c();`);
    writeFileSync(
      join(dir, "lib", "c.ts"),
      `/** @example ${helmCall} */\nexport const c = async () => ${chromiumCall};`,
    );
    expect([...needsOf(["a.unit.test.ts"], dir, markers)]).toEqual(["chromium"]);
  });
});
