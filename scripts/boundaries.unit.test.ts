// ARCHITECTURE.md: services (services/* and the site) import only the shared packages (schemas/,
// messaging/, service-kit/), never another service's files, and no service's SQL names another
// service's tables. The messaging library never imports the service kit (the kit builds on it).
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dir, "..");
const servicesDir = join(root, "services");
const services = readdirSync(servicesDir).filter((name) => statSync(join(servicesDir, name)).isDirectory());
// Where each service's code lives: services/<name>, and the site at the top level.
const serviceDirs = new Map<string, string>([
  ...services.map((name) => [name, join(servicesDir, name)] as [string, string]),
  ["site", join(root, "site")],
]);
const GENERATED = new Set(["node_modules", "dist", ".astro"]);
const SHARED_TABLES = new Set(["outbox", "inbox"]); // each service's own copy, from the messaging library
const SHARED_PACKAGES = ["@todo/schemas", "@todo/messaging", "@todo/service-kit"];
const messagingDir = join(root, "messaging");
const serviceKitDir = join(root, "service-kit");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (GENERATED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory()
      ? sourceFiles(path)
      : /\.(ts|tsx|sql|astro|mjs)$/.test(entry.name)
        ? [path]
        : [];
  });
}

function importSpecifiers(text: string): string[] {
  return [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] ?? m[2]!);
}

/** Import specifiers in a file that reach into another service. */
export function foreignImports(file: string, text: string, service: string): string[] {
  return importSpecifiers(text).filter((spec) => {
    if (spec.startsWith("@todo/"))
      return !SHARED_PACKAGES.some((ok) => spec === ok || spec.startsWith(`${ok}/`));
    if (!spec.startsWith(".")) return false;
    const target = resolve(file, "..", spec);
    return [...serviceDirs].some(
      ([name, dir]) => name !== service && (target === dir || target.startsWith(`${dir}/`)),
    );
  });
}

/** Import specifiers in a messaging file that reach the service kit, by package name or by path. */
export function kitImports(file: string, text: string): string[] {
  return importSpecifiers(text).filter((spec) => {
    if (spec === "@todo/service-kit" || spec.startsWith("@todo/service-kit/")) return true;
    if (!spec.startsWith(".")) return false;
    const target = resolve(file, "..", spec);
    return target === serviceKitDir || target.startsWith(`${serviceKitDir}/`);
  });
}

/** Other services' table names that a file's SQL or schema code names. */
export function foreignTables(text: string, tables: Map<string, string>, service: string): string[] {
  return [...tables]
    .filter(
      ([table, owner]) =>
        owner !== service &&
        new RegExp(
          `(pgTable\\(\\s*["']${table}["']|\\b(from|into|update|join|table)\\s+"?${table}"?\\b)`,
          "i",
        ).test(text),
    )
    .map(([table]) => table);
}

function tablesByService(): Map<string, string> {
  const tables = new Map<string, string>();
  for (const service of services) {
    for (const file of sourceFiles(join(servicesDir, service))) {
      for (const m of readFileSync(file, "utf8").matchAll(/pgTable\(\s*["']([a-z_]+)["']/g))
        if (!SHARED_TABLES.has(m[1]!)) tables.set(m[1]!, service);
    }
  }
  return tables;
}

describe("service boundaries", () => {
  test("the checks catch a violation when there is one", () => {
    const file = join(servicesDir, "notifier/src/x.ts");
    expect(
      foreignImports(file, `import { tasks } from "../../backend/src/db/schema.ts";`, "notifier"),
    ).toEqual(["../../backend/src/db/schema.ts"]);
    expect(foreignImports(file, `import { x } from "@todo/backend";`, "notifier")).toEqual(["@todo/backend"]);
    expect(
      foreignImports(
        file,
        `import { x } from "@todo/messaging/db"; import { y } from "./y.ts"; import { z } from "@todo/service-kit";`,
        "notifier",
      ),
    ).toEqual([]);
    expect(
      foreignImports(
        join(root, "site/src/x.ts"),
        `import { startBackend } from "../../services/backend/src/main.ts";`,
        "site",
      ),
    ).toEqual(["../../services/backend/src/main.ts"]);
    expect(
      foreignImports(file, `import { startSite } from "../../../site/src/main.ts";`, "notifier"),
    ).toEqual(["../../../site/src/main.ts"]);
    const relay = join(messagingDir, "src/relay/outbox-relay.ts");
    expect(
      kitImports(
        relay,
        `import { startService } from "@todo/service-kit"; import { Clock } from "../support/clock.ts";`,
      ),
    ).toEqual(["@todo/service-kit"]);
    expect(kitImports(relay, `import { runMain } from "../../../service-kit/src/run-main.ts";`)).toEqual([
      "../../../service-kit/src/run-main.ts",
    ]);
    expect(
      foreignTables("select * from tasks where id = $1", new Map([["tasks", "backend"]]), "notifier"),
    ).toEqual(["tasks"]);
  });

  test("the messaging library never imports the service kit", () => {
    const offenders = sourceFiles(messagingDir).flatMap((file) =>
      kitImports(file, readFileSync(file, "utf8")).map((spec) => `${relative(root, file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  test("kafkajs is imported only through messaging's module that corrects its request queue", () => {
    const corrected = join(messagingDir, "src/transports/kafka/kafkajs.ts");
    const offenders = ["messaging", "service-kit", "services", "site", "scripts", "bench", "e2e"]
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter(
        (file) => file !== corrected && importSpecifiers(readFileSync(file, "utf8")).includes("kafkajs"),
      )
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  test.each([...serviceDirs.keys()])("%s imports only its own files and the shared packages", (service) => {
    const offenders = sourceFiles(serviceDirs.get(service)!).flatMap((file) =>
      foreignImports(file, readFileSync(file, "utf8"), service).map(
        (spec) => `${relative(root, file)} → ${spec}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  test.each(services)("%s's SQL names no other service's tables", (service) => {
    const tables = tablesByService();
    const offenders = sourceFiles(join(servicesDir, service)).flatMap((file) =>
      foreignTables(readFileSync(file, "utf8"), tables, service).map((t) => `${relative(root, file)} → ${t}`),
    );
    expect(offenders).toEqual([]);
  });
});
