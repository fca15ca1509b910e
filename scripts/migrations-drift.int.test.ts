// Each service's committed drizzle migrations must describe its schema.ts exactly: drizzle-kit, run on a
// copy of the migrations, must find nothing to generate. A column added to schema.ts without its
// migration would otherwise reach production only as a runtime error. The messaging tests' own
// migrations (outbox, inbox and a test table) are held to the same, so a change to the shared
// outbox or inbox tables cannot leave those tests running on the old shape.
import { expect, test } from "bun:test";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dir, "..");
const drizzleKit = join(root, "node_modules", ".bin", "drizzle-kit");

// Each schema with its migrations folder, as its drizzle.config.ts names them.
const schemas = [
  ...["backend", "recurring", "notifier"].map((service) => ({
    name: `services/${service}`,
    schema: join("services", service, "src", "db", "schema.ts"),
    migrations: join("services", service, "drizzle"),
  })),
  {
    name: "messaging/test",
    schema: join("messaging", "test", "schema.ts"),
    migrations: join("messaging", "test", "drizzle"),
  },
];

test.each(schemas)(
  "drizzle-kit generate finds nothing new for $name's schema (run it where its drizzle.config.ts is after a schema change)",
  ({ name, schema: schemaPath, migrations }) => {
    const dir = mkdtempSync(join(tmpdir(), `drift-${name.replace("/", "-")}-`));
    try {
      cpSync(join(root, migrations), join(dir, "drizzle"), { recursive: true });
      // drizzle-kit reads `out` relative to the working directory; the config imports nothing so it loads outside the repo.
      const schema = join(root, schemaPath);
      writeFileSync(
        join(dir, "drizzle.config.ts"),
        `export default ${JSON.stringify({ dialect: "postgresql", schema, out: "./drizzle" })};\n`,
      );
      const before = readdirSync(join(dir, "drizzle")).sort();
      const run = Bun.spawnSync([drizzleKit, "generate", "--config", "drizzle.config.ts"], {
        cwd: dir,
        stdout: "pipe",
        stderr: "pipe",
      });
      const output = `${run.stdout}${run.stderr}`;
      expect({ exitCode: run.exitCode, output }).toMatchObject({
        exitCode: 0,
        output: expect.stringContaining("No schema changes"),
      });
      expect(readdirSync(join(dir, "drizzle")).sort()).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  60_000,
);
