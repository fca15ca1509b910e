// Builds the site (Astro, run under Bun: Astro 7 wants Node >= 22.12) when its sources changed,
// and refuses a build whose first page load needs more than the JavaScript budget.
// CLI: `bun site/build/build-site.ts [--force]` builds and prints the initial JS size.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { INITIAL_JS_BUDGET_BYTES, measureInitialJs } from "./initial-js.ts";

const SITE = join(import.meta.dir, "..");
export const DIST = join(SITE, "dist");
const STAMP = ".source-hash";
// What the browser build is made of (the server under src/server and src/*.ts is not in it).
const SOURCES = ["src/components", "src/pages", "src/styles", "astro.config.mjs", "package.json"];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** A hash of the browser build's sources: dist is stale when the one it was built from differs. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap((s) => filesUnder(join(SITE, s))))
    hash.update(file.slice(SITE.length)).update(readFileSync(file));
  return hash.digest("hex");
}

export const isBuilt = () =>
  existsSync(join(DIST, STAMP)) && readFileSync(join(DIST, STAMP), "utf8") === sourceHash();

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/**
 * Builds site/dist unless it is current. Concurrent callers (tests, `npm start`) take turns on a
 * lock, and the new build replaces dist in one rename, so a running server never serves half of one.
 */
export async function ensureSiteBuilt(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<{ built: boolean }> {
  if (!options.force && isBuilt()) return { built: false };
  const lock = Bun.spawnSync(
    [
      "flock",
      join(SITE, ".build.lock"),
      process.execPath,
      import.meta.path,
      "--locked",
      ...(options.force ? ["--force"] : []),
    ],
    { stdout: options.quiet ? "pipe" : "inherit", stderr: "inherit", env: process.env },
  );
  if (lock.exitCode !== 0)
    throw new Error(
      `building the site failed (exit ${lock.exitCode}); run: node_modules/.bin/bun site/build/build-site.ts --force`,
    );
  return { built: true };
}

async function buildUnderLock(force: boolean): Promise<void> {
  if (!force && isBuilt()) return; // another process built it while this one waited
  const hash = sourceHash();
  // NODE_ENV=production always: under `bun test` (NODE_ENV=test) Vite would bundle React's development build.
  const out = join(SITE, `.dist-${process.pid}`);
  const started = performance.now();
  // npm puts astro under site/ or, when nothing else pins another version, hoists it to the root.
  const bin = [join(SITE, "node_modules/.bin/astro"), join(SITE, "../node_modules/.bin/astro")].find((path) =>
    existsSync(path),
  );
  if (!bin) throw new Error("astro is not installed; run npm install");
  const astro = Bun.spawnSync([process.execPath, "--bun", bin, "build", "--silent"], {
    cwd: SITE,
    env: { ...process.env, NODE_ENV: "production", SITE_OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: "1" },
    stdout: "inherit",
    stderr: "inherit",
  });
  if (astro.exitCode !== 0) throw new Error(`astro build failed (exit ${astro.exitCode})`);
  const size = measureInitialJs(out);
  console.log(
    `site: built in ${((performance.now() - started) / 1000).toFixed(1)} s; initial JS ${kb(size.gzipBytes)} KB gzipped (budget ${kb(INITIAL_JS_BUDGET_BYTES)} KB)`,
  );
  if (size.gzipBytes > INITIAL_JS_BUDGET_BYTES) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(
      `site: the first page load needs ${kb(size.gzipBytes)} KB of gzipped JavaScript, over the ${kb(INITIAL_JS_BUDGET_BYTES)} KB budget:\n${size.files.map((f) => `  ${f.path} ${kb(f.gzipBytes)} KB`).join("\n")}`,
    );
  }
  writeFileSync(join(out, STAMP), hash);
  const old = join(SITE, `.dist-old-${process.pid}`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(out, DIST);
  rmSync(old, { recursive: true, force: true });
}

if (import.meta.main) {
  const force = process.argv.includes("--force");
  if (process.argv.includes("--locked")) await buildUnderLock(force);
  else {
    await ensureSiteBuilt({ force });
    console.log(`site: ${DIST} is current; initial JS ${kb(measureInitialJs(DIST).gzipBytes)} KB gzipped`);
  }
}
