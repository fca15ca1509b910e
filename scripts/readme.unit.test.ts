import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigSchema as BackendConfig } from "../services/backend/src/config.ts";
import { ConfigSchema as NotifierConfig } from "../services/notifier/src/config.ts";
import { ConfigSchema as RecurringConfig } from "../services/recurring/src/config.ts";
import { ConfigSchema as SiteConfig } from "../site/src/config.ts";

const readme = readFileSync(join(import.meta.dir, "..", "README.md"), "utf8");

test.each([
  ["backend", BackendConfig],
  ["recurring", RecurringConfig],
  ["notifier", NotifierConfig],
  ["site", SiteConfig],
] as const)("the README documents every configuration variable the %s reads", (_, schema) => {
  const missing = Object.keys(schema.properties).filter((name) => !readme.includes(`| \`${name}\` |`));
  expect(missing).toEqual([]);
});

test("the README's Quick start has exactly the two commands", () => {
  const quickStart = readme.split("## Quick start")[1]!.split("\n## ")[0]!;
  const commands = [...quickStart.matchAll(/^(npm \w+)/gm)].map((m) => m[1]);
  expect(commands).toEqual(["npm start", "npm test"]);
});
