import { expect, test } from "bun:test";
import { createLogger } from "./logger.ts";
import { warnAtMostEvery } from "./warn-at-most-every.ts";

test("the same warning repeated within the interval is said once, with its first fields; another line is said too", () => {
  const lines: { msg: string; why?: string }[] = [];
  const warn = warnAtMostEvery(
    createLogger({ service: "test", write: (line) => void lines.push(JSON.parse(line)) }),
    60_000,
  );
  warn("backend unavailable", { why: "ECONNREFUSED" });
  warn("backend unavailable", { why: "timeout" });
  warn("broker unavailable");
  expect(lines.map(({ msg, why }) => ({ msg, why }))).toEqual([
    { msg: "backend unavailable", why: "ECONNREFUSED" },
    { msg: "broker unavailable", why: undefined },
  ]);
});
