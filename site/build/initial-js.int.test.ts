// The first page load's JavaScript, measured on the real build (issue 6: under 100 KB gzipped).
import { expect, test } from "bun:test";
import { DIST, ensureSiteBuilt } from "./build-site.ts";
import { INITIAL_JS_BUDGET_BYTES, measureInitialJs } from "./initial-js.ts";

test("the built page loads less than 100 KB of gzipped JavaScript, React and the island included", async () => {
  await ensureSiteBuilt({ quiet: true });
  const { gzipBytes, files } = measureInitialJs(DIST);
  console.log(
    `initial JS: ${(gzipBytes / 1024).toFixed(1)} KB gzipped (${files.map((f) => `${f.path} ${(f.gzipBytes / 1024).toFixed(1)}`).join(", ")})`,
  );
  // The measure follows the island's imports: React's DOM alone is well over 30 KB.
  expect(files.length).toBeGreaterThanOrEqual(3);
  expect(gzipBytes).toBeGreaterThan(30 * 1024);
  expect(gzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
});
