// Runs before `npm start` and `npm test` with plain Node.js: installs the npm dependencies
// (Bun among them) when node_modules is missing or older than package-lock.json, so a fresh
// clone needs nothing but Node.js and npm.
//
// Node only runs npm and this file; every package runs on Bun. A few packages (astro and its
// integrations, @platformatic/kafka's helpers, undici, cookie) declare Node >= 22 for themselves,
// and npm prints a five-line EBADENGINE notice for each when the installing Node is 20. Those
// notices do not apply to a project that runs them on Bun, so they are folded into one line that
// says so; every other line npm prints is passed through unchanged.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

const root = new URL("..", import.meta.url).pathname;
const lock = join(root, "package-lock.json");
const stamp = join(root, "node_modules", ".bootstrap-stamp");
const digest = createHash("sha256").update(readFileSync(lock)).digest("hex");
const bun = join(root, "node_modules", ".bin", "bun");

const current = existsSync(stamp) && readFileSync(stamp, "utf8") === digest && existsSync(bun);
if (!current) {
  const started = performance.now();
  console.log("bootstrap: installing npm dependencies (first run or package-lock.json changed; ~15-60 s)…");
  const npm = spawn("npm", ["install", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: ["ignore", "inherit", "pipe"],
  });
  const engineNotices = new Set();
  createInterface({ input: npm.stderr }).on("line", (line) => {
    if (!line.startsWith("npm warn EBADENGINE")) return void console.error(line);
    const named = /package: '([^']+)'/.exec(line);
    if (named) engineNotices.add(named[1]);
  });
  const code = await new Promise((resolve) => npm.on("close", resolve));
  if (code !== 0) {
    console.error(`bootstrap: npm install failed (exit ${code}); see its output above`);
    process.exit(code ?? 1);
  }
  if (engineNotices.size > 0) {
    console.log(
      `bootstrap: ${engineNotices.size} packages ask for a newer Node (${[...engineNotices].join(", ")}); they run on Bun here, not on Node ${process.version}, so that does not apply`,
    );
  }
  writeFileSync(stamp, digest);
  console.log(`bootstrap: dependencies installed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
