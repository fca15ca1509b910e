import { expect, test } from "bun:test";
import { join } from "node:path";

// Biome's formatter and linter over the TypeScript (rules and their reasons in biome.jsonc).
// `node_modules/.bin/biome check --write .` fixes what it can.
test("the code is formatted and passes the linter (biome ci)", () => {
  const root = join(import.meta.dir, "..");
  const biome = Bun.spawnSync(
    [join(root, "node_modules/.bin/biome"), "ci", "--colors=off", "--max-diagnostics=30", "."],
    { cwd: root },
  );
  const report = `${biome.stdout.toString()}${biome.stderr.toString()}`;
  expect(biome.exitCode === 0 ? "" : report).toBe("");
}, 120_000);
