// Each service's committed drizzle migrations must describe its schema.ts exactly: drizzle-kit, run on a
// copy of the migrations, must find nothing to generate. A column added to schema.ts without its
// migration would otherwise reach production only as a runtime error.
import { expect, test } from "bun:test";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dir, "..");
const drizzleKit = join(root, "node_modules", ".bin", "drizzle-kit");

test.each(["backend", "recurring", "notifier"])(
  "drizzle-kit generate finds nothing new for the %s's schema (run it in services/<service> after a schema change)",
  (service) => {
    const dir = mkdtempSync(join(tmpdir(), `drift-${service}-`));
    try {
      cpSync(join(root, "services", service, "drizzle"), join(dir, "drizzle"), { recursive: true });
      // drizzle-kit reads `out` relative to the working directory; the config imports nothing so it loads outside the repo.
      const schema = join(root, "services", service, "src", "db", "schema.ts");
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
