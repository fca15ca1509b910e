import { expect, test } from "bun:test";
import { initdbCommand, postgresCommand } from "./postgres.ts";

const flags = (argv: string[]) =>
  Object.fromEntries(argv.flatMap((a, i) => (a.startsWith("-") ? [[a, argv[i + 1]]] : [])));

test("a throw-away cluster trusts local connections and skips syncing its files", () => {
  const argv = initdbCommand("/pg/bin", "/tmp/x/data");
  expect(argv[0]).toBe("/pg/bin/initdb");
  expect(flags(argv)).toMatchObject({ "-D": "/tmp/x/data", "-U": "postgres", "-E": "UTF8" });
  expect(argv).toContain("--auth=trust");
  expect(argv).toContain("--no-sync");
});

test("the server listens on the loopback at its port only, keeps its socket in its own folder, and runs without durability", () => {
  const argv = postgresCommand("/pg/bin", "/tmp/x", 5544);
  expect(argv[0]).toBe("/pg/bin/postgres");
  expect(flags(argv)).toMatchObject({ "-D": "/tmp/x/data", "-h": "127.0.0.1", "-p": "5544", "-k": "/tmp/x" });
  const settings = argv.filter((_, i) => argv[i - 1] === "-c");
  expect(settings).toEqual([
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=200",
  ]);
});
