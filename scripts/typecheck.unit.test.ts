import { expect, test } from "bun:test";
import { join } from "node:path";

test("the whole workspace type-checks in strict mode", () => {
  const root = join(import.meta.dir, "..");
  const tsc = Bun.spawnSync([join(root, "node_modules/.bin/tsc"), "--noEmit", "-p", root], { cwd: root });
  const errors = tsc.stdout
    .toString()
    .split("\n")
    .filter((line) => /error TS\d+/.test(line));
  expect(errors).toEqual([]);
  expect(tsc.exitCode).toBe(0);
}, 180_000);
